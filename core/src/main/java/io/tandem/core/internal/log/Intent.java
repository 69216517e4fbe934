package io.tandem.core.internal.log;

/**
 * A copy recorded in the {@link IntentLog} and owed to a cluster until {@link #done()} is called: when the copy was
 * applied, or safely appended to the failed-write log. Calling {@code done()} again does nothing.
 */
public interface Intent {

  /** The intent of a copy that is not recorded (the intent log is off, or could not record it). */
  Intent NONE = () -> { };

  /** The copy no longer needs the intent: it was applied, or logged for replay. */
  void done();
}
