package io.tandem.validator.internal.write;

/**
 * Which timestamps target writes carry. {@code preserve}: each cell's own writetime; otherwise every write
 * uses {@code fallbackTimestamp}. Rows with no cells (primary key only) always use {@code fallbackTimestamp},
 * because a row marker's own writetime cannot be read through CQL.
 */
public record WriteTiming(boolean preserve, long fallbackTimestamp) {

  public static WriteTiming preserve(long fallbackTimestamp) {
    return new WriteTiming(true, fallbackTimestamp);
  }

  public static WriteTiming backdate(long timestamp) {
    return new WriteTiming(false, timestamp);
  }

  long timestampFor(long cellWritetime) {
    return preserve ? cellWritetime : fallbackTimestamp;
  }
}
