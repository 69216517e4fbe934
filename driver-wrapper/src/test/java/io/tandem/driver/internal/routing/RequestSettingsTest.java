package io.tandem.driver.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.internal.core.context.DefaultDriverContext;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The order the driver follows: the statement, else its execution profile, else the default profile. */
class RequestSettingsTest {

  private static final String WRITE = "UPDATE ks.t SET v = 1 WHERE k = 1 IF v = 0";

  /** A context that never connects: a default profile as Spring Boot's properties set it, and one other. */
  private final DriverContext context = new DefaultDriverContext(
      DriverConfigLoader.programmaticBuilder()
          .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_QUORUM")
          .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, "LOCAL_SERIAL")
          .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(7))
          .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
          .startProfile("batch")
          .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "ALL")
          .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, "SERIAL")
          .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
          .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, false)
          .endProfile()
          .build(),
      ProgrammaticArguments.builder().build());

  @Test
  void should_take_what_the_statement_leaves_unset_from_the_default_profile() {
    WriteCommand command = resolve(SimpleStatement.newInstance(WRITE));

    assertThat(command.consistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(command.serialConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
    assertThat(command.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(command.idempotent()).isTrue();
  }

  @Test
  void should_prefer_the_statement_own_settings() {
    WriteCommand command = resolve(SimpleStatement.newInstance(WRITE)
        .setConsistencyLevel(DefaultConsistencyLevel.ONE)
        .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL)
        .setTimeout(Duration.ofMillis(1500))
        .setIdempotent(false)
        .setExecutionProfileName("batch"));

    assertThat(command.consistency()).isEqualTo(DefaultConsistencyLevel.ONE);
    assertThat(command.serialConsistency()).isEqualTo(DefaultConsistencyLevel.SERIAL);
    assertThat(command.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(command.idempotent()).isFalse();
  }

  @Test
  void should_take_the_settings_of_an_execution_profile_named_by_the_statement() {
    WriteCommand command = resolve(SimpleStatement.newInstance(WRITE).setExecutionProfileName("batch"));

    assertBatchProfile(command);
  }

  @Test
  void should_take_the_settings_of_an_execution_profile_object() {
    WriteCommand command = resolve(SimpleStatement.newInstance(WRITE)
        .setExecutionProfile(context.getConfig().getProfile("batch")));

    assertBatchProfile(command);
  }

  @Test
  void should_fall_back_to_the_default_profile_for_an_unknown_profile_name() {
    WriteCommand command = resolve(SimpleStatement.newInstance(WRITE).setExecutionProfileName("nope"));

    assertThat(command.consistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(command.timeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void should_take_a_batch_settings_from_the_batch_not_its_children() {
    BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.LOGGED,
            SimpleStatement.newInstance(WRITE).setConsistencyLevel(DefaultConsistencyLevel.ONE))
        .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL);

    WriteCommand command = resolve(batch);

    assertThat(command.consistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(command.serialConsistency()).isEqualTo(DefaultConsistencyLevel.SERIAL);
  }

  private static void assertBatchProfile(WriteCommand command) {
    assertThat(command.consistency()).isEqualTo(DefaultConsistencyLevel.ALL);
    assertThat(command.serialConsistency()).isEqualTo(DefaultConsistencyLevel.SERIAL);
    assertThat(command.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(command.idempotent()).isFalse();
  }

  private WriteCommand resolve(Statement<?> statement) {
    return RequestSettings.apply(WriteCommand.builder(BoundQuery.of(WRITE)), statement, context).build();
  }
}
