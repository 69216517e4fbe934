package io.tandem.driver.api;

/**
 * Counts of sampled shadow reads: a read also run on the other cluster in the background and compared
 * with the serving side's answer. Also published as the Micrometer counter {@code tandem.shadow_reads}
 * tagged {@code outcome=match|mismatch|failed}.
 */
public interface ShadowReadStatistics {

  /** Shadow reads whose two answers were compared. */
  long compared();

  /** Compared shadow reads whose answers differed (a row missing on one side, or a column differing). */
  long mismatched();

  /** Shadow reads that could not be compared because one side failed. */
  long failed();

  /** Sampled reads not shadowed because too many shadow reads were already running. */
  long skipped();
}
