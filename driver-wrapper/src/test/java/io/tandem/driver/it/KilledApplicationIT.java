package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.testing.KillScenario;
import io.tandem.testkit.JavaProcess;
import io.tandem.testkit.TandemClusters;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An application writing through {@code DualWriteCqlSession} in ASYNC mode is killed with {@code kill -9} while the
 * target is frozen, its copies in flight; restarted on the same failed-write log folder, it replays them from the
 * intent log: every write it was answered for is on the target, with the source's value and write time.
 */
@TandemClusters
class KilledApplicationIT extends KillScenario {

  @Test
  void should_put_on_the_target_every_write_acknowledged_before_a_kill_minus_9() {
    Set<Integer> acknowledged;
    try (JavaProcess application = start("write", "application.err")) {
      application.awaitLines(line -> line.startsWith("ACK "), 200, TIMEOUT);
      clusters.target().suspend();
      long beforeFreeze = application.lines().stream().filter(line -> line.startsWith("ACK ")).count();
      application.awaitLines(line -> line.startsWith("ACK "), (int) beforeFreeze + 300, TIMEOUT);
      application.kill();
      acknowledged = application.lines().stream().filter(line -> line.startsWith("ACK "))
          .map(line -> Integer.parseInt(line.substring(4))).collect(Collectors.toSet());
    } finally {
      clusters.target().resume();
    }

    try (JavaProcess restarted = start("recover", "restarted.err")) {
      assertThat(restarted.awaitExit(TIMEOUT)).as("exit code of the restarted application").isZero();
      long recovered = restarted.lines().stream().filter(line -> line.startsWith("RECOVERED "))
          .mapToLong(line -> Long.parseLong(line.substring(10))).sum();
      assertThat(recovered).as("copies recovered from the intent log").isPositive();
    }

    assertAcknowledgedOnTarget(acknowledged);
  }

  private JavaProcess start(String mode, String errors) {
    return JavaProcess.start(KilledApplicationMain.class, List.of("-Xmx256m"),
        List.of(mode, KilledApplicationMain.contactPoints(clusters.source()),
            KilledApplicationMain.contactPoints(clusters.target()), table(),
            work.resolve("failed-writes").toString()),
        work.resolve(errors));
  }
}
