package io.tandem.core.api.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteCommandTest {

  private static final BoundQuery QUERY = BoundQuery.of("UPDATE ks.t SET v = 1 WHERE k = 1 IF v = 0");

  @Test
  void should_leave_serial_consistency_and_timeout_to_the_session_by_default() {
    WriteCommand command = WriteCommand.builder(QUERY).build();

    assertThat(command.serialConsistency()).isNull();
    assertThat(command.timeout()).isNull();
  }

  @Test
  void should_keep_serial_consistency_and_timeout_through_to_builder_and_a_new_timestamp() {
    WriteCommand command = WriteCommand.builder(QUERY)
        .withSerialConsistency(DefaultConsistencyLevel.LOCAL_SERIAL).withTimeout(Duration.ofSeconds(7)).build();

    WriteCommand copy = command.toBuilder().build();
    WriteCommand stamped = command.withTimestamp(42L);

    assertThat(copy).isEqualTo(command).hasSameHashCodeAs(command);
    assertThat(stamped.serialConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
    assertThat(stamped.timeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void should_tell_commands_apart_by_serial_consistency_and_timeout() {
    WriteCommand plain = WriteCommand.builder(QUERY).build();

    assertThat(plain.toBuilder().withSerialConsistency(DefaultConsistencyLevel.SERIAL).build()).isNotEqualTo(plain);
    assertThat(plain.toBuilder().withTimeout(Duration.ofSeconds(1)).build()).isNotEqualTo(plain);
  }

  @Test
  void should_reject_a_timeout_that_is_not_positive() {
    assertThatThrownBy(() -> WriteCommand.builder(QUERY).withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout must be positive");
  }
}
