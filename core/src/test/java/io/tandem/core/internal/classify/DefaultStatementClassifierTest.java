package io.tandem.core.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.api.classify.Classification;
import io.tandem.core.api.classify.StatementType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultStatementClassifierTest {

  private final DefaultStatementClassifier classifier = new DefaultStatementClassifier();

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("statements")
  void should_classify_statement(String query, Expected expected) {
    assertThat(classifier.classify(query)).isEqualTo(expected.build());
  }

  static Stream<Arguments> statements() {
    return Stream.of(reads(), writes(), updates(), batches(), schemaChanges(), unparseable())
        .flatMap(rows -> rows);
  }

  private static Stream<Arguments> reads() {
    return Stream.of(
        row("SELECT * FROM ks.users WHERE id = ?", read().in("ks", "users")),
        row("select * from Users", read().in(null, "users")),
        row("SeLeCt \"Name\" FROM \"MyKs\".\"My\"\"Table\"", read().in("MyKs", "My\"Table")),
        row("-- INSERT INTO ks.t\nSELECT * FROM ks.t", read().in("ks", "t")),
        row("/* DROP TABLE ks.t; */ SELECT k /* FROM other */ FROM ks.t", read().in("ks", "t")),
        row("// UPDATE ks.t\r\nSELECT k FROM t WHERE k = 1;", read().in(null, "t")),
        row("SELECT 'FROM elsewhere' AS \"from\" FROM ks.t", read().in("ks", "t")),
        row("SELECT now(), k FROM ks.t", read().in("ks", "t").functions()),
        row("SELECT * FROM ks.t WHERE d < CurrentDate ( ) ALLOW FILTERING", read().in("ks", "t").functions()),
        row("SELECT * FROM ks.t WHERE id = 123e4567-e89b-12d3-a456-426614174000", read().in("ks", "t")),
        row("SELECT * FROM system.local", read().in("system", "local").system()),
        row("SELECT * FROM system_schema.tables WHERE keyspace_name = 'ks'",
            read().in("system_schema", "tables").system()),
        row("SELECT * FROM \"System\".local", read().in("System", "local")),
        row("LIST ROLES", read()),
        row("USE ks", use("ks")),
        row("use MyKs;", use("myks")),
        row("USE \"MyKs\"", use("MyKs")),
        row("USE system_auth", use("system_auth").system()));
  }

  private static Stream<Arguments> writes() {
    return Stream.of(
        row("INSERT INTO ks.t (k, v) VALUES (1, 'SELECT IF NOT EXISTS now()')", write().in("ks", "t")),
        row("INSERT INTO ks.t (k, v) VALUES (1, $$IF EXISTS; uuid()$$)", write().in("ks", "t")),
        row("INSERT INTO ks.t (k, v) VALUES (1, 'it''s IF') IF NOT EXISTS",
            write().in("ks", "t").lightweightTransaction()),
        row("INSERT INTO ks.t (k, \"IF\") VALUES (1, 2) /* IF NOT EXISTS */", write().in("ks", "t")),
        row("INSERT INTO ks.t (k, v) VALUES (?, ?) USING TTL 5 AND TIMESTAMP 123",
            write().in("ks", "t").usingTimestamp()),
        row("INSERT INTO ks.t (k, v) VALUES (:k, :v) IF NOT EXISTS USING TIMESTAMP :ts",
            write().in("ks", "t").usingTimestamp().lightweightTransaction()),
        row("INSERT INTO ks.t (k, v) VALUES (1, 2) USING TTL 86400", write().in("ks", "t")),
        row("insert into \"MyKs\".\"Events\" (\"Id\", ts) values (uuid(), toTimestamp(NOW ( )))",
            write().in("MyKs", "Events").functions()),
        row("INSERT INTO ks.t JSON '{\"k\": 1, \"v\": \"now()\"}'", write().in("ks", "t")),
        row("INSERT INTO uuid (k, v) VALUES (1, ks.now())", write().in(null, "uuid")),
        row("INSERT INTO system_auth.roles (role) VALUES ('x')", write().in("system_auth", "roles").system()),
        row("DELETE FROM ks.t WHERE k = 1 IF EXISTS", write().in("ks", "t").lightweightTransaction()),
        row("DELETE v, m['from'] FROM ks.t USING TIMESTAMP 5 WHERE k = 1",
            write().in("ks", "t").usingTimestamp()),
        row("delete from T where k = 1 if v = 'IF'", write().in(null, "t").lightweightTransaction()),
        row("TRUNCATE ks.t", write().in("ks", "t")),
        row("truncate table \"MyKs\".t;", write().in("MyKs", "t")));
  }

  private static Stream<Arguments> updates() {
    return Stream.of(
        row("UPDATE ks.t SET v = 1 WHERE k = 1 IF EXISTS", write().in("ks", "t").lightweightTransaction()),
        row("UPDATE ks.t SET v = 1 WHERE k = 1 IF v = 0 AND w != 2",
            write().in("ks", "t").lightweightTransaction()),
        row("UPDATE ks.t USING TTL 10 AND TIMESTAMP ? SET v = 1 WHERE k = 1",
            write().in("ks", "t").usingTimestamp()),
        row("UPDATE ks.counters SET c = c + 1 WHERE k = 1", write().in("ks", "counters").nonIdempotent()),
        row("UPDATE ks.counters SET c = c - ? WHERE k = 1", write().in("ks", "counters").nonIdempotent()),
        row("UPDATE ks.counters SET c += 1 WHERE k = 1", write().in("ks", "counters").nonIdempotent()),
        row("UPDATE ks.t SET \"C\" = \"C\" + 1, m['k'] = 1 WHERE k = 1",
            write().in("ks", "t").nonIdempotent()),
        row("UPDATE ks.t SET l = l + [1, 2] WHERE k = 1", write().in("ks", "t").nonIdempotent()),
        row("UPDATE ks.t SET l = [0] + l WHERE k = 1", write().in("ks", "t").nonIdempotent()),
        row("UPDATE ks.t SET l = ? + L WHERE k = 1", write().in("ks", "t").nonIdempotent()),
        row("UPDATE ks.t SET s = s + {'a'} WHERE k = 1", write().in("ks", "t")),
        row("UPDATE ks.t SET s = s - {'a'}, v = :v WHERE k = :k", write().in("ks", "t")),
        row("UPDATE ks.t SET m = m + {'a': 1, 'b': ?} WHERE k = 1", write().in("ks", "t")),
        row("UPDATE ks.t SET m += {'a': now()} WHERE k = 1", write().in("ks", "t").functions()),
        row("UPDATE ks.t SET l[0] = 5, v = 'c = c + 1' WHERE k = 1", write().in("ks", "t")),
        row("UPDATE ks.t SET v = system.currenttimestamp() WHERE k = 1", write().in("ks", "t").functions()));
  }

  private static Stream<Arguments> batches() {
    return Stream.of(
        row("BEGIN BATCH INSERT INTO ks.a (k) VALUES (1); UPDATE ks.b SET v = 1 WHERE k = 1; APPLY BATCH",
            batch()),
        row("BEGIN UNLOGGED BATCH USING TIMESTAMP 1000 INSERT INTO ks.a (k) VALUES (1) "
            + "INSERT INTO ks.b (k) VALUES (2) APPLY BATCH;", batch().usingTimestamp()),
        row("BEGIN COUNTER BATCH UPDATE ks.c SET n = n + 1 WHERE k = 1; APPLY BATCH",
            batch().nonIdempotent()),
        row("BEGIN BATCH INSERT INTO ks.a (k) VALUES (1) IF NOT EXISTS; "
            + "INSERT INTO ks.a (k) VALUES (2); APPLY BATCH", batch().lightweightTransaction()),
        row("begin batch\n  -- UPDATE ks.t SET c = c + 1 WHERE k = 0;\n"
            + "  UPDATE ks.t SET l = l + ['x'] WHERE k = 1;\n"
            + "  DELETE FROM ks.t USING TIMESTAMP 3 WHERE k = 2;\napply batch",
            batch().nonIdempotent().usingTimestamp()),
        row("BEGIN BATCH INSERT INTO ks.t (k, v) VALUES (1, currentTimeUUID()); APPLY BATCH",
            batch().functions()),
        row("BEGIN BATCH INSERT INTO ks.t (k, v) VALUES (1, 'APPLY BATCH; IF NOT EXISTS'); APPLY BATCH",
            batch()));
  }

  private static Stream<Arguments> schemaChanges() {
    return Stream.of(
        row("CREATE TABLE IF NOT EXISTS ks.t (k int PRIMARY KEY, v text)", ddl().in("ks", "t")),
        row("CREATE KEYSPACE IF NOT EXISTS \"NewKs\" WITH replication = "
            + "{'class': 'SimpleStrategy', 'replication_factor': 1}", ddl().in("NewKs", null)),
        row("ALTER TABLE ks.t ADD v2 text", ddl().in("ks", "t")),
        row("DROP TABLE IF EXISTS ks.t;", ddl().in("ks", "t")),
        row("DROP KEYSPACE Ks", ddl().in("ks", null)),
        row("CREATE INDEX IF NOT EXISTS idx ON ks.t (v)", ddl().in("ks", "t")),
        row("CREATE TYPE ks.address (street text)", ddl().in("ks", null)),
        row("CREATE MATERIALIZED VIEW ks.by_v AS SELECT * FROM ks.t WHERE v IS NOT NULL "
            + "AND k IS NOT NULL PRIMARY KEY (v, k)", ddl().in("ks", "by_v")),
        row("CREATE OR REPLACE FUNCTION ks.f (x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java "
            + "AS $$ return now(); $$", ddl().in("ks", null)),
        row("CREATE TABLE now (k int PRIMARY KEY)", ddl().in(null, "now")),
        row("ALTER TABLE system_auth.roles WITH gc_grace_seconds = 1",
            ddl().in("system_auth", "roles").system()),
        row("CREATE ROLE alice WITH PASSWORD = 'x' AND LOGIN = true", ddl()),
        row("GRANT SELECT ON KEYSPACE ks TO alice", ddl()),
        row("REVOKE MODIFY ON ks.t FROM alice", ddl()));
  }

  private static Stream<Arguments> unparseable() {
    return Stream.of(
        row("", unparsed()),
        row("   \n\t", unparsed()),
        row("-- only a comment", unparsed()),
        row(";", unparsed()),
        row("hello world", unparsed()),
        row("SELECT * FROM", unparsed()),
        row("SELECT * FROM ks.t WHERE v = 'unterminated", unparsed()),
        row("SELECT * FROM ks.t WHERE k IN (1, 2", unparsed()),
        row("SELECT * FROM ks.t /* unterminated", unparsed()),
        row("SELECT * FROM ks.t; DROP TABLE ks.t", unparsed()),
        row("INSERT INTO ks.t (k) VALUES (1) # not CQL", unparsed()),
        row("UPDATE ks.t WHERE k = 1", unparsed()),
        row("BEGIN BATCH SELECT * FROM ks.t; APPLY BATCH", unparsed()),
        row("BEGIN BATCH INSERT INTO ks.t (k) VALUES (1);", unparsed()),
        row("CREATE TABLE", unparsed()));
  }

  @Test
  void should_return_the_cached_instance_for_the_same_text() {
    String query = "UPDATE ks.t SET c = c + 1 WHERE k = 1";

    Classification first = classifier.classify(query);

    assertThat(classifier.classify(new String(query))).isSameAs(first);
  }

  @Test
  void should_classify_again_when_caching_is_disabled() {
    DefaultStatementClassifier uncached = new DefaultStatementClassifier(0);
    String query = "SELECT * FROM ks.t";

    Classification first = uncached.classify(query);
    uncached.classify("SELECT * FROM ks.other");

    assertThat(uncached.classify(query)).isEqualTo(first);
  }

  @Test
  void should_reject_null_text() {
    assertThatThrownBy(() -> classifier.classify(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void should_reject_negative_cache_size() {
    assertThatThrownBy(() -> new DefaultStatementClassifier(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Arguments row(String query, Expected expected) {
    return Arguments.of(query, expected);
  }

  private static Expected read() {
    return new Expected(StatementType.READ);
  }

  private static Expected write() {
    return new Expected(StatementType.WRITE);
  }

  private static Expected batch() {
    Expected expected = write();
    expected.batch = true;
    return expected;
  }

  private static Expected ddl() {
    return new Expected(StatementType.DDL);
  }

  private static Expected use(String keyspace) {
    return new Expected(StatementType.USE).in(keyspace, null);
  }

  private static Expected unparsed() {
    Expected expected = write().nonIdempotent();
    expected.parsed = false;
    return expected;
  }

  /** The expected classification; every flag not set is expected {@code false}. */
  static final class Expected {
    private final StatementType type;
    private boolean lightweightTransaction;
    private boolean batch;
    private boolean usingTimestamp;
    private boolean nonIdempotent;
    private boolean functions;
    private String keyspace;
    private String table;
    private boolean system;
    private boolean parsed = true;

    private Expected(StatementType type) {
      this.type = type;
    }

    Expected in(String keyspace, String table) {
      this.keyspace = keyspace;
      this.table = table;
      return this;
    }

    Expected lightweightTransaction() {
      lightweightTransaction = true;
      return this;
    }

    Expected usingTimestamp() {
      usingTimestamp = true;
      return this;
    }

    Expected nonIdempotent() {
      nonIdempotent = true;
      return this;
    }

    Expected functions() {
      functions = true;
      return this;
    }

    Expected system() {
      system = true;
      return this;
    }

    Classification build() {
      return new Classification(type, lightweightTransaction, batch, usingTimestamp, nonIdempotent, functions,
          keyspace, table, system, parsed);
    }

    @Override
    public String toString() {
      return build().toString();
    }
  }
}
