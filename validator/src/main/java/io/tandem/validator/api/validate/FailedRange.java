package io.tandem.validator.api.validate;

import io.tandem.validator.api.range.TokenRange;

/** A token range that could not be read after retries: its rows were not compared. */
public record FailedRange(TokenRange range, String error) {}
