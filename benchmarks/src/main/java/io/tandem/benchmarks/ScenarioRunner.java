package io.tandem.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario so that drift on the machine hits both contenders alike: a warmup of each first, then
 * measured rounds in ABBA order (baseline then candidate in odd rounds, candidate then baseline in even
 * rounds). After every phase the contender settles what it left behind before the next phase starts.
 */
public final class ScenarioRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

  private final PhaseDriver driver;
  private final Duration warmup;
  private final Duration measure;
  private final int rounds;
  private final PhaseListener listener;

  public ScenarioRunner(PhaseDriver driver, Duration warmup, Duration measure, int rounds) {
    this(driver, warmup, measure, rounds, PhaseListener.NONE);
  }

  /** @param listener told when each phase starts and ends */
  public ScenarioRunner(PhaseDriver driver, Duration warmup, Duration measure, int rounds,
      PhaseListener listener) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    }
    this.driver = driver;
    this.warmup = warmup;
    this.measure = measure;
    this.rounds = rounds;
    this.listener = listener;
  }

  public ScenarioResult run(Scenario scenario) throws InterruptedException {
    LOG.info("Scenario '{}': warming up both contenders for {} s each", scenario.name(), warmup.toSeconds());
    phase(scenario, scenario.baseline(), warmup, "warmup", false);
    phase(scenario, scenario.candidate(), warmup, "warmup", false);
    List<PhaseResult> baselinePhases = new ArrayList<>();
    List<PhaseResult> candidatePhases = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      String name = "round " + round;
      if (round % 2 == 1) {
        baselinePhases.add(phase(scenario, scenario.baseline(), measure, name, true));
        candidatePhases.add(phase(scenario, scenario.candidate(), measure, name, true));
      } else {
        candidatePhases.add(phase(scenario, scenario.candidate(), measure, name, true));
        baselinePhases.add(phase(scenario, scenario.baseline(), measure, name, true));
      }
    }
    return new ScenarioResult(scenario, baselinePhases, candidatePhases, scenario.findings().get());
  }

  private PhaseResult phase(Scenario scenario, Contender contender, Duration duration, String name,
      boolean measured) throws InterruptedException {
    listener.starting(scenario, contender, measured);
    PhaseResult result = driver.run(contender.label(), contender.operation(), duration);
    result = result.withSettleNote(contender.settler().settle());
    listener.finished(scenario, contender, measured, result);
    LatencyReport report = LatencyReport.of(result);
    LOG.info("{} / {} / {}: {} ops/s, p50 {} ms, p99 {} ms, {} errors{}", scenario.name(), name,
        contender.label(), Math.round(report.operationsPerSecond()), report.p50Millis(), report.p99Millis(),
        result.failed(), result.settleNote() == null ? "" : " (" + result.settleNote() + ")");
    if (result.firstError() != null) {
      LOG.warn("First error of {} / {} / {}: {}", scenario.name(), name, contender.label(),
          result.firstError().toString());
    }
    return result;
  }
}
