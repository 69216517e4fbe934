package io.tandem.core.api.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.internal.DefaultMigrationControl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationStateTest {

  @Test
  void should_start_on_the_source_with_mirroring() {
    MigrationState state = MigrationState.initial(MirrorMode.ASYNC);

    assertThat(state.readSide()).isEqualTo(Side.SOURCE);
    assertThat(state.primary()).isEqualTo(Side.SOURCE);
    assertThat(state.secondary()).isEqualTo(Side.TARGET);
    assertThat(state.modeFor("ks", "t")).isEqualTo(MirrorMode.ASYNC);
  }

  @Test
  void should_prefer_the_table_override_over_the_keyspace_one() {
    MigrationState state =
        MigrationState.initial(MirrorMode.SYNC)
            .withOverride("shop", MirrorMode.OFF)
            .withOverride("Shop.Orders", MirrorMode.ASYNC);

    assertThat(state.modeFor("shop", "orders")).isEqualTo(MirrorMode.ASYNC);
    assertThat(state.modeFor("shop", "carts")).isEqualTo(MirrorMode.OFF);
    assertThat(state.modeFor("other", "carts")).isEqualTo(MirrorMode.SYNC);
    assertThat(state.modeFor(null, null)).isEqualTo(MirrorMode.SYNC);
    assertThat(state.withOverride("shop", null).modeFor("shop", "carts")).isEqualTo(MirrorMode.SYNC);
  }

  @Test
  void should_not_mirror_anything_once_mirroring_stops() {
    MigrationState state = MigrationState.initial(MirrorMode.SYNC).withOverride("ks", MirrorMode.ASYNC);

    assertThat(state.withMirroring(false).modeFor("ks", "t")).isEqualTo(MirrorMode.OFF);
  }

  @Test
  void should_tell_listeners_about_each_real_change() {
    DefaultMigrationControl control = new DefaultMigrationControl(MigrationState.initial(MirrorMode.SYNC));
    List<String> seen = new ArrayList<>();
    control.addListener((previous, current) -> seen.add(previous.readSide() + "->" + current.readSide()));

    control.routeReadsTo(Side.TARGET);
    control.routeReadsTo(Side.TARGET);
    control.makePrimary(Side.TARGET);
    control.stopMirroring();

    assertThat(seen).containsExactly("SOURCE->TARGET", "TARGET->TARGET", "TARGET->TARGET");
    assertThat(control.state().secondary()).isEqualTo(Side.SOURCE);
    assertThat(control.state().mirroring()).isFalse();
  }
}
