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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritePreparationTest {

  private final MonotonicWriteTimestampGenerator timestamps =
      new MonotonicWriteTimestampGenerator(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FunctionRewrites rewrites = new FunctionRewrites(registry, 100);

  @Test
  void should_give_a_prepared_write_extra_values_for_its_functions_and_count_it() {
    ByteBuffer key = ByteBuffer.allocate(4).putInt(0, 7);
    WriteCommand command = WriteCommand.builder(BoundQuery.of(
        "UPDATE ks.t SET at = currentTimestamp(), id = uuid() WHERE k = ?", List.of(key))).build();

    WriteCommand prepared = prepare(command);

    BoundQuery query = prepared.queries().get(0);
    assertThat(query.query()).isEqualTo("UPDATE ks.t SET at = ?, id = ? WHERE k = ?");
    assertThat(query.values()).hasSize(3);
    assertThat(query.values().get(0).getLong(0)).isEqualTo(prepared.timestamp() / 1_000);
    assertThat(query.values().get(1).remaining()).isEqualTo(16);
    assertThat(query.values().get(2)).isSameAs(key);
    assertThat(registry.get("tandem.mirror.function_rewrites").tag("outcome", "rewritten").counter().count())
        .isEqualTo(1);
  }

  @Test
  void should_leave_a_prepared_write_with_a_function_in_its_condition_as_it_is_and_count_it() {
    WriteCommand command = WriteCommand.builder(BoundQuery.of(
        "UPDATE ks.t SET v = ? WHERE k = 1 IF at < currentTimestamp()", List.of(ByteBuffer.allocate(4)))).build();

    WriteCommand prepared = prepare(command);
    prepare(command);

    assertThat(prepared.queries()).isEqualTo(command.queries());
    assertThat(registry.get("tandem.mirror.function_rewrites").tag("outcome", "not_rewritable").counter().count())
        .isEqualTo(2);
  }

  @Test
  void should_leave_a_prepared_write_the_rewriter_cannot_parse_as_it_is() {
    BoundQuery unparseable =
        BoundQuery.of("INSERT INTO ks.t (k, at) VALUES (?, now()) ~", List.of(ByteBuffer.allocate(4)));

    WriteCommand prepared = prepare(WriteCommand.builder(unparseable).build());

    assertThat(prepared.queries()).containsExactly(unparseable);
    assertThat(registry.get("tandem.mirror.function_rewrites").tag("outcome", "not_rewritable").counter().count())
        .isEqualTo(1);
  }

  @Test
  void should_not_rewrite_a_prepared_write_when_the_option_is_off() {
    WriteCommand command = WriteCommand.builder(BoundQuery.of(
        "INSERT INTO ks.t (k, at) VALUES (?, now())", List.of(ByteBuffer.allocate(4)))).build();

    WriteCommand prepared = WritePreparation.prepare(command,
        MirrorConfig.builder().rewriteNonDeterministicFunctions(false).build(), new DefaultStatementClassifier(),
        timestamps, rewrites);

    assertThat(prepared.queries()).isEqualTo(command.queries());
  }

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
        timestamps, rewrites);
  }
}
