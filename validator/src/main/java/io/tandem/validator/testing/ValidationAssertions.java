package io.tandem.validator.testing;

import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.TableValidation;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.internal.report.ConsoleSummary;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link ValidationReport}: {@code ValidationAssertions.assertThat(report).hasNoMismatches()}.
 * Failure messages list the first few mismatches with their keys and values. Needs AssertJ on the test classpath.
 */
public final class ValidationAssertions extends AbstractAssert<ValidationAssertions, ValidationReport> {

  private static final int MISMATCHES_SHOWN = 5;

  private ValidationAssertions(ValidationReport report) {
    super(report, ValidationAssertions.class);
  }

  public static ValidationAssertions assertThat(ValidationReport report) {
    return new ValidationAssertions(report);
  }

  /** No real mismatch (IN_FLIGHT allowed) and every range read. */
  public ValidationAssertions hasNoMismatches() {
    isNotNull();
    if (!actual.hasNoMismatches()) {
      failWithMessage("Expected the clusters to hold the same data, but %s%n%s", totals(), firstMismatches(null));
    }
    return this;
  }

  /** Exactly {@code count} mismatches of {@code kind} over all tables. */
  public ValidationAssertions hasMismatches(MismatchKind kind, int count) {
    isNotNull();
    if (actual.total(kind) != count) {
      failWithMessage("Expected %d %s mismatches but found %d (%s)%n%s", count, kind, actual.total(kind), totals(),
          firstMismatches(kind));
    }
    return this;
  }

  /** No row missing on either side. */
  public ValidationAssertions hasNoMissingRows() {
    isNotNull();
    long missing = actual.total(MismatchKind.MISSING_IN_TARGET) + actual.total(MismatchKind.MISSING_IN_SOURCE);
    if (missing > 0) {
      failWithMessage("Expected no missing rows but found %d (%s)%n%s", missing, totals(),
          firstMismatches(MismatchKind.MISSING_IN_TARGET) + firstMismatches(MismatchKind.MISSING_IN_SOURCE));
    }
    return this;
  }

  private String totals() {
    return actual.tables().stream()
        .map(table -> table.table() + ": " + table.counts() + (table.failedRanges().isEmpty() ? ""
            : ", " + table.failedRanges().size() + " ranges not read " + table.failedRanges()))
        .collect(Collectors.joining("; "));
  }

  /** The first mismatches of {@code kind} (all real kinds when null), one per line. */
  private String firstMismatches(MismatchKind kind) {
    List<Mismatch> shown = actual.tables().stream().map(TableValidation::mismatches).flatMap(List::stream)
        .filter(mismatch -> kind == null ? mismatch.kind() != MismatchKind.IN_FLIGHT : mismatch.kind() == kind)
        .limit(MISMATCHES_SHOWN).toList();
    return shown.stream().map(mismatch -> "  " + ConsoleSummary.describe(mismatch) + System.lineSeparator())
        .collect(Collectors.joining());
  }
}
