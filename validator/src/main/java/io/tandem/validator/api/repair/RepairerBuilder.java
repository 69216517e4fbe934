package io.tandem.validator.api.repair;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.internal.repair.DefaultRepairer;
import io.tandem.validator.internal.repair.RepairCandidates;
import io.tandem.validator.internal.repair.RepairSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Repairer}. Needs both sessions and where the candidates come from: a mismatch ledger
 * ({@code mismatches.jsonl}), a {@link ValidationReport}, or mismatches. Defaults: target-only rows kept,
 * not a dry run, reads and writes at LOCAL_QUORUM, 10 s per request, no plan printed, the system UTC clock,
 * metrics into a {@link SimpleMeterRegistry}. A repair runs on the calling thread: it starts no background work,
 * so there is no executor to give it.
 */
public final class RepairerBuilder {

  private CqlSession source;
  private CqlSession target;
  private List<RepairCandidates.Candidate> candidates;
  private boolean deleteTargetOnlyRows;
  private boolean dryRun;
  private PrintStream planOutput;
  private ConsistencyLevel consistency = DefaultConsistencyLevel.LOCAL_QUORUM;
  private Duration requestTimeout = Duration.ofSeconds(10);
  private Clock clock = Clock.systemUTC();
  private MeterRegistry meterRegistry;

  RepairerBuilder() {}

  public RepairerBuilder withSource(CqlSession session) {
    this.source = Objects.requireNonNull(session, "source session");
    return this;
  }

  public RepairerBuilder withTarget(CqlSession session) {
    this.target = Objects.requireNonNull(session, "target session");
    return this;
  }

  /** Candidates from a ledger written by a validation ({@code mismatches.jsonl}); IN_FLIGHT lines are skipped. */
  public RepairerBuilder fromLedger(Path ledger) {
    if (!Files.isRegularFile(ledger)) {
      throw new IllegalArgumentException("No mismatch ledger at " + ledger
          + ": run a validation with a report directory first (it writes mismatches.jsonl there)");
    }
    this.candidates = RepairCandidates.fromLedger(ledger);
    return this;
  }

  /**
   * Candidates from a validation report: its ledger when it wrote one (every mismatch), else the mismatches
   * it kept in memory.
   */
  public RepairerBuilder fromReport(ValidationReport report) {
    return report.ledger().isPresent() ? fromLedger(report.ledger().get())
        : fromMismatches(report.tables().stream().flatMap(table -> table.mismatches().stream()).toList());
  }

  /** Candidates from mismatches (IN_FLIGHT ones are skipped). */
  public RepairerBuilder fromMismatches(Collection<Mismatch> mismatches) {
    this.candidates = RepairCandidates.fromMismatches(mismatches);
    return this;
  }

  /** Delete rows that exist only on the target (default false: they are reported and kept). */
  public RepairerBuilder withDeleteTargetOnlyRows(boolean delete) {
    this.deleteTargetOnlyRows = delete;
    return this;
  }

  /** Decide and report, write nothing (default false). */
  public RepairerBuilder withDryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /** Print each decision as it is made (default: nothing printed). */
  public RepairerBuilder withPlanOutput(PrintStream out) {
    this.planOutput = out;
    return this;
  }

  /** Consistency of the re-reads and the writes (default LOCAL_QUORUM). */
  public RepairerBuilder withConsistency(ConsistencyLevel consistency) {
    this.consistency = Objects.requireNonNull(consistency, "consistency");
    return this;
  }

  /** Timeout of each read and write (default 10 s). */
  public RepairerBuilder withRequestTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The request timeout must be positive, got " + timeout);
    }
    this.requestTimeout = timeout;
    return this;
  }

  /**
   * The clock read for "now" where a repair needs it: the delete timestamp of a target-only row that has no
   * cell to take a writetime from, and the fallback write timestamp of a key-only row (its millis, as
   * microseconds). Default {@link Clock#systemUTC()}.
   */
  public RepairerBuilder withClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Where the {@code tandem.repair.*} meters go ({@code tandem.repair.rows}, {@code tandem.repair.actions};
   * see docs/metrics.md). Default: a new {@link SimpleMeterRegistry}, as for the copy and the validation.
   */
  public RepairerBuilder withMeterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "meter registry");
    return this;
  }

  public Repairer build() {
    if (source == null || target == null) {
      throw new IllegalStateException("A repair needs both sessions: call withSource(...) and withTarget(...)");
    }
    if (candidates == null) {
      throw new IllegalStateException(
          "A repair needs candidates: call fromLedger(path), fromReport(report) or fromMismatches(list)");
    }
    return new DefaultRepairer(source, target, candidates,
        new RepairSettings(deleteTargetOnlyRows, dryRun, planOutput, consistency, requestTimeout, clock,
            meterRegistry != null ? meterRegistry : new SimpleMeterRegistry()));
  }
}
