package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.internal.classify.DefaultStatementClassifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WritePreparationTest {

  private final MonotonicWriteTimestampGenerator timestamps =
      new MonotonicWriteTimestampGenerator(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

  @Test
  void should_keep_every_option_of_a_command_whose_functions_are_rewritten() {
    WriteCommand command = WriteCommand.builder(BoundQuery.of("INSERT INTO ks.events (k, at) VALUES (1, now())"))
        .withKeyspace("ks").withConsistency(DefaultConsistencyLevel.QUORUM).withIdempotent(true)
        .withLogin("app_user").withSerialConsistency(DefaultConsistencyLevel.LOCAL_SERIAL)
        .withTimeout(Duration.ofSeconds(7)).build();

    WriteCommand prepared = prepare(command);

    assertThat(prepared.queries().get(0).query()).doesNotContain("now()");
    assertThat(prepared.serialConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
    assertThat(prepared.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(prepared.hasTimestamp()).isTrue();
    assertThat(prepared.login()).isEqualTo("app_user");
    assertThat(prepared.keyspace()).isEqualTo("ks");
    assertThat(prepared.consistency()).isEqualTo(DefaultConsistencyLevel.QUORUM);
    assertThat(prepared.idempotent()).isTrue();
  }

  @Test
  void should_keep_the_login_of_a_command_given_a_timestamp() {
    WriteCommand command = WriteCommand.builder(BoundQuery.of("INSERT INTO ks.t (k) VALUES (1)"))
        .withLogin("app_user").build();

    WriteCommand prepared = prepare(command);

    assertThat(prepared.timestamp()).isEqualTo(1_700_000_000_000_000L);
    assertThat(prepared.login()).isEqualTo("app_user");
  }

  private WriteCommand prepare(WriteCommand command) {
    return WritePreparation.prepare(command, MirrorConfig.builder().build(), new DefaultStatementClassifier(),
        timestamps);
  }
}
