package io.tandem.validator.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a command does when the JVM is asked to stop (Ctrl-C, SIGTERM) while it works: a shutdown hook cancels
 * the running job through the API's own {@code cancel()}, waits up to {@link #DEFAULT_WAIT} (10 s) for the
 * command to finish (workers stopped at a row boundary, checkpoint or report written, results printed), then
 * prints one line on standard error. The exit status stays the JVM's (130 after Ctrl-C, 143 after SIGTERM).
 *
 * <p>Use one per command in a try-with-resources block, declared after the sessions so that it is closed
 * first: {@link #close()} marks the command finished and removes the hook.
 */
final class GracefulStop implements AutoCloseable {

  /** How long the hook waits for the command by default. */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  private final String stoppedLine;
  private final String lateLine;
  private final Duration wait;
  private final PrintWriter err;
  private final Thread hook = new Thread(this::stop, "tandem-validator-stop");
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Object lock = new Object();
  private Runnable cancelRunning;
  private boolean stopRequested;

  /**
   * @param stoppedLine printed once the command finished after the stop request
   * @param lateLine    printed when it did not finish within {@code wait}
   * @param wait        how long the hook waits
   * @param err         where the line goes
   */
  GracefulStop(String stoppedLine, String lateLine, Duration wait, PrintWriter err) {
    this.stoppedLine = stoppedLine;
    this.lateLine = lateLine;
    this.wait = wait;
    this.err = err;
  }

  /** A stop with the {@link #DEFAULT_WAIT}, its hook registered with the JVM. */
  static GracefulStop install(String stoppedLine, String lateLine, PrintWriter err) {
    GracefulStop stop = new GracefulStop(stoppedLine, lateLine, DEFAULT_WAIT, err);
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  /**
   * Runs {@code job}, which {@code cancel} stops if the JVM is asked to stop meanwhile.
   *
   * @return the job's result; empty, without running it, once a stop was requested
   */
  <T> Optional<T> run(Runnable cancel, Supplier<T> job) {
    synchronized (lock) {
      if (stopRequested) {
        return Optional.empty();
      }
      cancelRunning = cancel;
    }
    try {
      return Optional.of(job.get());
    } finally {
      synchronized (lock) {
        cancelRunning = null;
      }
    }
  }

  /**
   * The hook's work: cancels the running job, if any, waits for the command to finish (at most the wait given),
   * and prints one line. Blocks the JVM's shutdown meanwhile, which is the point.
   */
  void stop() {
    Runnable cancel;
    synchronized (lock) {
      stopRequested = true;
      cancel = cancelRunning;
    }
    boolean finishedInTime = true;
    if (cancel != null) {
      cancel.run();
      try {
        finishedInTime = finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finishedInTime = false;
      }
    }
    err.println(finishedInTime ? stoppedLine : lateLine);
    err.flush();
  }

  /** The command is finished: the hook stops waiting, and is removed unless the JVM is already stopping. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it prints its line
    }
  }
}
