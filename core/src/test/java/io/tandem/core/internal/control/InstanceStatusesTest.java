package io.tandem.core.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.InstanceStatus.Liveness;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.mirror.MirrorMode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Live, stale or gone, and acknowledged or not, with the defaults (stale after 10 s, gone after 10 min). */
class InstanceStatusesTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @ParameterizedTest(name = "[{index}] {0} s old, stale flag {1}, applied {2} -> {3}, acknowledged {4}")
  @CsvSource(textBlock = """
      0,   false, 3, LIVE,  true
      10,  false, 3, LIVE,  true
      11,  false, 3, STALE, true
      0,   true,  3, STALE, true
      600, true,  2, STALE, false
      601, false, 3, GONE,  true
      -5,  false, 4, LIVE,  true
      """)
  void should_compute_an_instance_status(long ageSeconds, boolean staleFlag, long applied, Liveness liveness,
      boolean acknowledged) {
    MigrationRecord record = new MigrationRecord("m", Phase.DUAL_WRITE, MirrorMode.SYNC, Map.of(), 3, NOW, NOW);
    InstanceReport report = new InstanceReport("a", InstanceKind.WRAPPER, "h", applied,
        NOW.minusSeconds(ageSeconds), staleFlag, 0, 0, 0, 0, 0);

    InstanceStatus status = InstanceStatuses.of(report, record, NOW, ControlConfig.defaults());

    assertThat(status.liveness()).isEqualTo(liveness);
    assertThat(status.acknowledged()).isEqualTo(acknowledged);
    assertThat(status.report()).isSameAs(report);
  }
}
