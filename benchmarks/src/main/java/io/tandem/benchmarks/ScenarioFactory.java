package io.tandem.benchmarks;

import static io.tandem.benchmarks.ScenarioResources.open;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.mirror.LwtCopyMode;
import io.tandem.core.api.mirror.MirrorMode;
import java.time.Duration;
import java.util.List;

/**
 * The three comparisons the harness makes. Each scenario opens its own sessions when it is created and
 * closes them when it is closed, so one scenario's connections and prepared statements never serve
 * another.
 */
public final class ScenarioFactory {

  /** Scenario names; the first four run by default, the others when named with {@code --scenarios}. */
  public static final List<String> NAMES =
      List.of("reads", "async-writes", "sync-writes", "async-writes-by-hand", "async-intent-log",
          "lwt-writes");

  /** The candidate of {@code lwt-writes} writes keys from here on, the baseline from 0: each LWT applies. */
  private static final int CANDIDATE_FIRST_KEY = 1_000_000_000;

  /** How long a phase's mirrored copies may take to finish before the next phase starts anyway. */
  private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);

  private final SessionFactory sessions;
  private final BenchmarkSchema schema;
  private final Workloads workloads;
  private final HarnessCpu cpu;

  public ScenarioFactory(SessionFactory sessions, BenchmarkSchema schema, Workloads workloads) {
    this(sessions, schema, workloads, new HarnessCpu());
  }

  /** @param cpu the listener of the runner, whose CPU figures the scenarios that report them add to their findings */
  public ScenarioFactory(SessionFactory sessions, BenchmarkSchema schema, Workloads workloads, HarnessCpu cpu) {
    this.sessions = sessions;
    this.schema = schema;
    this.workloads = workloads;
    this.cpu = cpu;
  }

  /** Opens the sessions of the scenario called {@code name} (one of {@link #NAMES}). */
  public Scenario create(String name) {
    return switch (name) {
      case "reads" -> ScenarioResources.build(this::reads);
      case "async-writes" -> ScenarioResources.build(this::asyncWrites);
      case "sync-writes" -> ScenarioResources.build(this::syncWrites);
      case "async-writes-by-hand" -> ScenarioResources.build(this::asyncWritesByHand);
      case "async-intent-log" -> ScenarioResources.build(this::asyncIntentLog);
      case "lwt-writes" -> ScenarioResources.build(this::lwtWrites);
      default -> throw new IllegalArgumentException("Unknown scenario '" + name + "'; known: " + NAMES);
    };
  }

  private Scenario reads(List<AutoCloseable> opened) {
    CqlSession plain = open(opened, sessions.source("reads-baseline"));
    MirrorActivity dual = open(opened, sessions.dual("reads-candidate", MirrorMode.ASYNC));
    return new Scenario("reads",
        "1. Reads: plain `CqlSession` vs `DualWriteCqlSession`",
        "The same prepared single-row SELECT by primary key on the pre-loaded table. Baseline: a plain "
            + "session on the source. Candidate: a `DualWriteCqlSession` whose reads are served by the source "
            + "(the state before cutover); shadow reads off.",
        0.97,
        Contender.of("plain `CqlSession` on the source",
            workloads.reads(plain, plain.prepare(schema.selectRow()))),
        Contender.of("`DualWriteCqlSession`, reads from the source",
            workloads.reads(dual.session(), dual.session().prepare(schema.selectRow()))),
        dual::findings,
        opened);
  }

  private Scenario asyncWrites(List<AutoCloseable> opened) {
    CqlSession plain = open(opened, sessions.source("async-writes-baseline"));
    MirrorActivity dual = open(opened, sessions.dual("async-writes-candidate", MirrorMode.ASYNC));
    return new Scenario("async-writes",
        "2. Writes: plain single-cluster `CqlSession` vs `DualWriteCqlSession` in ASYNC mode",
        "The same prepared INSERT of one row. Baseline: a plain session writing to the source only. "
            + "Candidate: a `DualWriteCqlSession` in ASYNC mode — the application is answered when the source "
            + "answered, the copy to the target is sent in the background. After every candidate phase the "
            + "harness waits (outside the measured time) until every copy has finished.",
        0.9,
        Contender.of("plain `CqlSession`, source only",
            workloads.writes(plain, plain.prepare(schema.insertRow()))),
        new Contender("`DualWriteCqlSession`, ASYNC",
            dual.counted(workloads.writes(dual.session(), dual.session().prepare(schema.insertRow()))),
            () -> dual.awaitCopies(COPY_TIMEOUT)),
        dual::findings,
        opened);
  }

  private Scenario syncWrites(List<AutoCloseable> opened) {
    CqlSession source = open(opened, sessions.source("sync-writes-baseline-source"));
    CqlSession target = open(opened, sessions.target("sync-writes-baseline-target"));
    MirrorActivity dual = open(opened, sessions.dual("sync-writes-candidate", MirrorMode.SYNC));
    return new Scenario("sync-writes",
        "3. Writes to both: hand-written parallel write vs `DualWriteCqlSession` in SYNC mode",
        "The same prepared INSERT of one row, answered once both clusters answered. Baseline: "
            + "hand-written code that binds the row on a source and a target session with one client-side "
            + "timestamp and calls `executeAsync` on both at once. Candidate: a `DualWriteCqlSession` in SYNC "
            + "mode. No goal was set for this one; 0.9 is shown for reference.",
        0.9,
        Contender.of("hand-written `executeAsync` on both",
            workloads.writesToBoth(source, source.prepare(schema.insertRow()), target,
                target.prepare(schema.insertRow()))),
        new Contender("`DualWriteCqlSession`, SYNC",
            dual.counted(workloads.writes(dual.session(), dual.session().prepare(schema.insertRow()))),
            () -> dual.awaitCopies(COPY_TIMEOUT)),
        dual::findings,
        opened);
  }

  private Scenario asyncWritesByHand(List<AutoCloseable> opened) {
    CqlSession source = open(opened, sessions.source("async-by-hand-baseline-source"));
    CqlSession target = open(opened, sessions.target("async-by-hand-baseline-target"));
    MirrorActivity dual = open(opened, sessions.dual("async-by-hand-candidate", MirrorMode.ASYNC));
    BackgroundCopyWrites byHand = new BackgroundCopyWrites(source, source.prepare(schema.insertRow()), target,
        target.prepare(schema.insertRow()), workloads.writeKeys(), workloads.value(),
        sessions.mirrorSettings().build().maxInFlight());
    return new Scenario("async-writes-by-hand",
        "4. Writes answered by the source: hand-written background copy vs `DualWriteCqlSession` in ASYNC mode",
        "A reference for scenario 2, which compares against a single cluster. Here both contenders write both "
            + "clusters and answer once the source answered. Baseline: hand-written code that writes the "
            + "source and, when it answered, sends the copy (same client-side timestamp) to the target without "
            + "waiting for it, with at most as many copies in flight as Tandem's max-in-flight (the caller waits "
            + "for a free slot). Candidate: a `DualWriteCqlSession` in ASYNC mode. No goal was set; 0.9 is "
            + "shown for reference.",
        0.9,
        new Contender("hand-written background copy", byHand, () -> byHand.awaitCopies(COPY_TIMEOUT)),
        new Contender("`DualWriteCqlSession`, ASYNC",
            dual.counted(workloads.writes(dual.session(), dual.session().prepare(schema.insertRow()))),
            () -> dual.awaitCopies(COPY_TIMEOUT)),
        dual::findings,
        opened);
  }

  private Scenario asyncIntentLog(List<AutoCloseable> opened) {
    MirrorActivity without = open(opened,
        sessions.dual("intent-log-baseline", MirrorMode.ASYNC, settings -> settings.intentLogEnabled(false)));
    MirrorActivity with = open(opened, sessions.dual("intent-log-candidate", MirrorMode.ASYNC));
    Contender baseline = new Contender("`DualWriteCqlSession`, ASYNC, intent log off",
        without.counted(workloads.writes(without.session(), without.session().prepare(schema.insertRow()))),
        () -> without.awaitCopies(COPY_TIMEOUT));
    Contender candidate = new Contender("`DualWriteCqlSession`, ASYNC, intent log on (the default)",
        with.counted(workloads.writes(with.session(), with.session().prepare(schema.insertRow()))),
        () -> with.awaitCopies(COPY_TIMEOUT));
    return new Scenario("async-intent-log",
        "5. The intent log's cost: `DualWriteCqlSession` in ASYNC mode without and with it",
        "The same prepared INSERT of one row through two `DualWriteCqlSession`s in ASYNC mode that differ only in "
            + "`tandem.mirror.intent-log.enabled`: each copy recorded in a memory-mapped segment before the "
            + "application is answered, marked done when the target applied it. The CPU line counts the harness "
            + "JVM (client and Tandem) over each measured phase, its copies settled. 0.95 is shown for reference.",
        0.95,
        baseline,
        candidate,
        () -> java.util.stream.Stream.concat(with.findings().stream(),
            cpu.findings(baseline, candidate).stream()).toList(),
        opened);
  }

  private Scenario lwtWrites(List<AutoCloseable> opened) {
    MirrorActivity conditional = open(opened, sessions.dual("lwt-writes-baseline",
        sessions.mirrorSettings().defaultMode(MirrorMode.SYNC).lwtCopy(LwtCopyMode.CONDITIONAL)));
    MirrorActivity unconditional = open(opened, sessions.dual("lwt-writes-candidate",
        sessions.mirrorSettings().defaultMode(MirrorMode.SYNC).lwtCopy(LwtCopyMode.UNCONDITIONAL_AT_PRIMARY_WRITETIME)));
    return new Scenario("lwt-writes",
        "6. LWTs, SYNC mode: `lwt-copy` CONDITIONAL vs UNCONDITIONAL_AT_PRIMARY_WRITETIME",
        "The same prepared `INSERT … IF NOT EXISTS` of a new row (every LWT applies; each contender its own keys). "
            + "Baseline: `DualWriteCqlSession` in SYNC mode with `lwt-copy = CONDITIONAL` (the default: the LWT runs "
            + "on both clusters at once, WRITETIMEs differ). Candidate: the same with `lwt-copy = "
            + "UNCONDITIONAL_AT_PRIMARY_WRITETIME` (the LWT on the source, then a SERIAL read of its WRITETIME on the "
            + "source, then the unconditional copy at that time on the target: equal WRITETIMEs). No goal: this "
            + "measures the mode's cost; 0.5 is shown for reference.",
        0.5,
        new Contender("SYNC, `lwt-copy = CONDITIONAL`",
            conditional.counted(workloads.newRowsIfNotExists(conditional.session(),
                conditional.session().prepare(schema.insertRowIfNotExists()), 0)),
            () -> conditional.awaitCopies(COPY_TIMEOUT)),
        new Contender("SYNC, `lwt-copy = UNCONDITIONAL_AT_PRIMARY_WRITETIME`",
            unconditional.counted(workloads.newRowsIfNotExists(unconditional.session(),
                unconditional.session().prepare(schema.insertRowIfNotExists()), CANDIDATE_FIRST_KEY)),
            () -> unconditional.awaitCopies(COPY_TIMEOUT)),
        unconditional::findings,
        opened);
  }
}
