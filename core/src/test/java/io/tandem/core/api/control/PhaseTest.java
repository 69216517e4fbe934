package io.tandem.core.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhaseTest {

  @ParameterizedTest
  @ValueSource(strings = {"READS_ON_TARGET", "reads_on_target", "reads-on-target", " Reads-On-Target "})
  void should_parse_a_phase_in_any_case_with_dashes(String name) {
    assertThat(Phase.parse(name)).isEqualTo(Phase.READS_ON_TARGET);
  }

  @Test
  void should_name_every_phase_when_the_name_is_unknown() {
    assertThatThrownBy(() -> Phase.parse("CUTOVER")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown phase 'CUTOVER'; the phases are, in order: SETUP -> DUAL_WRITE -> HISTORY_COPIED -> "
            + "VALIDATED -> READS_ON_TARGET -> TARGET_PRIMARY -> TARGET_ONLY -> DONE");
    assertThatThrownBy(() -> Phase.parse(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown phase 'null'");
  }

  @Test
  void should_go_one_phase_at_a_time() {
    assertThat(Phase.SETUP.previous()).isNull();
    assertThat(Phase.SETUP.next()).isEqualTo(Phase.DUAL_WRITE);
    assertThat(Phase.DONE.next()).isNull();
    assertThat(Phase.DONE.previous()).isEqualTo(Phase.TARGET_ONLY);
  }

  @Test
  void should_put_writes_on_the_target_and_mirror_them_back_in_target_primary() {
    MigrationState state = Phase.TARGET_PRIMARY.applyTo(MigrationState.initial(MirrorMode.SYNC));

    assertThat(state.readSide()).isEqualTo(Side.TARGET);
    assertThat(state.primary()).isEqualTo(Side.TARGET);
    assertThat(state.mirroring()).isTrue();
    assertThat(Phase.TARGET_ONLY.mirroring()).isFalse();
  }
}
