package io.tandem.validator.cli;

import io.tandem.validator.api.validate.ValidationReport;

/**
 * Follows a full {@code validate} (not a sample), for front ends that record its outcome elsewhere (the {@code
 * tandem} command records it in a migration's control store). {@link #NONE} by default.
 */
public interface ValidationObserver extends AutoCloseable {

  /** Observes nothing. */
  ValidationObserver NONE = new ValidationObserver() {};

  /** The validation ended (complete or cancelled) with {@code report}. */
  default void validated(ValidationReport report) {}

  @Override
  default void close() {}
}
