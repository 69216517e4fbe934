package io.tandem.validator.api.validate;

/**
 * Proves that two clusters hold the same data while dual writes still run. Build one with {@link #builder()};
 * each call reads the configured tables afresh.
 */
public interface Validator {

  /**
   * Full two-sided diff: every token range read on both clusters and merge-joined, so rows missing on either
   * side are found; candidates are re-read after the recheck delay and writes newer than the scan start are
   * classified {@link MismatchKind#IN_FLIGHT}.
   */
  ValidationReport validate();

  /** Row counts per table on both sides ({@code SELECT count(*)} per token range, ranges in parallel). */
  CountReport count();

  /**
   * Compares {@code samples} rows per table: the first source row at or after random tokens spread uniformly
   * over the whole ring, each looked up on the target.
   */
  SampleReport sample(int samples);

  /**
   * Stops a running {@link #validate()} at the next row boundary: the report it returns says so ({@link
   * ValidationReport#cancelled()}), holds what was found until then (the ledger and report files too), and never
   * {@link ValidationReport#hasNoMismatches() has no mismatches}. Called while no validation runs, it cancels the
   * next {@link #validate()}. {@link #count()} and {@link #sample(int)} are not affected. Thread-safe.
   */
  void cancel();

  static ValidatorBuilder builder() {
    return new ValidatorBuilder();
  }
}
