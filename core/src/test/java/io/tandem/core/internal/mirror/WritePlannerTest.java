package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.SchemaChangePolicy;
import io.tandem.core.internal.classify.DefaultStatementClassifier;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What happens to a statement, for every front door: the rules of {@link WritePlanner}, as one table. */
class WritePlannerTest {

  private static final long NOW_MICROS = 1_700_000_000_000_000L;
  private static final String PRIMARY_ONLY_PATTERN = "(?is)insert into shop\\.events.*";

  @ParameterizedTest(name = "[{index}] {0} | mode {1} | override {2} | schema {3} -> {4}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # statement                                              | mode  | override          | schema changes | route         | timestamp | rewritten
      INSERT INTO shop.orders (k, v) VALUES (1, 'a')           | SYNC  | -                 | MIRROR         | SYNC          | true      | false
      INSERT INTO shop.orders (k, v) VALUES (1, 'a')           | ASYNC | -                 | MIRROR         | ASYNC         | true      | false
      INSERT INTO shop.orders (k, v) VALUES (1, 'a')           | OFF   | -                 | MIRROR         | PRIMARY_ONLY  | false     | false
      INSERT INTO shop.orders (k, v) VALUES (1, 'a')           | SYNC  | shop.orders=OFF   | MIRROR         | PRIMARY_ONLY  | false     | false
      INSERT INTO shop.orders (k, v) VALUES (1, 'a')           | SYNC  | shop=ASYNC        | MIRROR         | ASYNC         | true      | false
      INSERT INTO shop.orders (k, v) VALUES (1, 'a')           | OFF   | shop.orders=SYNC  | MIRROR         | PRIMARY_ONLY  | false     | false
      UPDATE shop.orders SET v = 'b' WHERE k = 1               | SYNC  | shop=OFF          | MIRROR         | PRIMARY_ONLY  | false     | false
      DELETE FROM shop.orders WHERE k = 1                      | ASYNC | -                 | PRIMARY_ONLY   | ASYNC         | true      | false
      INSERT INTO shop.events (k, v) VALUES (1, 'a')           | SYNC  | -                 | MIRROR         | PRIMARY_ONLY  | false     | false
      INSERT INTO shop.orders (k, v) VALUES (1, 'a') USING TIMESTAMP 5 | SYNC | -         | MIRROR         | SYNC          | false     | false
      INSERT INTO shop.orders (k, at) VALUES (1, now())        | SYNC  | -                 | MIRROR         | SYNC          | true      | true
      INSERT INTO shop.orders (k, at) VALUES (1, now())        | OFF   | -                 | MIRROR         | PRIMARY_ONLY  | false     | false
      INSERT INTO shop.orders (k, at) VALUES (?, now())        | ASYNC | -                 | MIRROR         | ASYNC         | true      | true
      CREATE TABLE shop.t (k int PRIMARY KEY)                  | SYNC  | -                 | MIRROR         | SCHEMA_CHANGE | false     | false
      CREATE TABLE shop.t (k int PRIMARY KEY)                  | ASYNC | -                 | MIRROR         | SCHEMA_CHANGE | false     | false
      ALTER TABLE shop.t ADD v text                            | SYNC  | -                 | PRIMARY_ONLY   | PRIMARY_ONLY  | false     | false
      DROP TABLE shop.t                                        | OFF   | -                 | MIRROR         | PRIMARY_ONLY  | false     | false
      DROP KEYSPACE shop                                       | SYNC  | shop=OFF          | MIRROR         | PRIMARY_ONLY  | false     | false
      CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} | ASYNC | - | MIRROR | SCHEMA_CHANGE | false | false
      """)
  void should_route_and_prepare_a_write_as_the_rules_say(String statement, String mode, String override,
      SchemaChangePolicy schemaChanges, WriteRoute route, boolean timestamp, boolean rewritten) {
    WriteCommand command = command(statement);

    WritePlan plan = planner(schemaChanges).plan(command, state(mode, override));

    assertThat(plan.route()).isEqualTo(route);
    assertThat(plan.command().hasTimestamp()).as("a shared timestamp").isEqualTo(timestamp);
    assertThat(!plan.command().queries().get(0).query().equals(command.queries().get(0).query()))
        .as("now() replaced by a literal or a bind marker").isEqualTo(rewritten);
    if (!timestamp && !rewritten) {
      assertThat(plan.command()).as("a command left alone is the very one given").isSameAs(command);
    }
  }

  private static WriteCommand command(String statement) {
    List<ByteBuffer> values = statement.contains("?") ? List.of(ByteBuffer.allocate(4)) : List.of();
    return WriteCommand.builder(BoundQuery.of(statement, values)).build();
  }

  private static MigrationState state(String mode, String override) {
    MigrationState state = "OFF".equals(mode)
        ? MigrationState.initial(MirrorMode.SYNC).withMirroring(false)
        : MigrationState.initial(MirrorMode.valueOf(mode));
    if (override != null) {
      String[] entry = override.split("=");
      state = state.withOverride(entry[0], MirrorMode.valueOf(entry[1]));
    }
    return state;
  }

  private static WritePlanner planner(SchemaChangePolicy schemaChanges) {
    MirrorConfig config = MirrorConfig.builder()
        .schemaChanges(schemaChanges)
        .primaryOnlyStatements(Pattern.compile(PRIMARY_ONLY_PATTERN))
        .build();
    Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW_MICROS / 1_000_000), ZoneOffset.UTC);
    return new WritePlanner(config, new DefaultStatementClassifier(), new MonotonicWriteTimestampGenerator(clock),
        new FunctionRewrites(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), 100));
  }
}
