package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code now()}, {@code uuid()} and their siblings in prepared statements and statements with values, through the
 * proxy with the driver speaking protocol v3, v4 or v5: both clusters store the same values with the same WRITETIME,
 * and the client's prepared statement has its own markers only.
 */
@TandemClusters
class NonDeterministicFunctionsThroughProxyIT {

  private static final String COLUMNS = "k, c, a, b, ts, d, t, tu";
  private static final String FUNCTIONS = "now(), uuid(), currentTimestamp(), currentDate(), currentTime(), "
      + "currentTimeUUID()";
  private static ProxyFixture fixture;
  private static ClusterPair clusters;
  private static String table;

  /** One table for the class: each version writes its own partitions. */
  @BeforeAll
  static void startProxy(ClusterPair pair) {
    clusters = pair;
    table = clusters.keyspace() + ".proxy_functions";
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.proxy_functions");
    clusters.executeOnBoth("CREATE TABLE %s.proxy_functions (k int, c int, a timeuuid, b uuid, ts timestamp, "
        + "d date, t time, tu timeuuid, at timestamp, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC)");
    fixture = ProxyFixture.start(clusters, MirrorMode.SYNC);
  }

  @AfterAll
  static void stopProxy() {
    fixture.close();
  }

  @ParameterizedTest(name = "protocol {0}")
  @CsvSource({"V3, 30", "V4, 40", "V5, 50"})
  void should_give_every_function_one_value_on_both_clusters(String version, int key) {
    try (CqlSession client = fixture.clientSession(
        settings -> settings.withString(DefaultDriverOption.PROTOCOL_VERSION, version))) {
      PreparedStatement insert = client.prepare(
          "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, " + FUNCTIONS + ")");
      PreparedStatement update = client.prepare("UPDATE " + table + " SET a = now(), b = uuid(), "
          + "ts = currentTimestamp(), d = currentDate(), t = currentTime(), tu = currentTimeUUID(), "
          + "at = toTimestamp(now()) WHERE k = ? AND c = ?");

      client.execute(insert.bind(key, 1));
      client.execute(update.bind(key, 2));
      client.execute(insert.bind(key + 1, 1)); // the rewritten statement again, now known to the primary
      client.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED, insert.bind(key + 2, 1),
          update.bind(key + 2, 2)));
      client.execute("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, " + FUNCTIONS + ")", key + 3, 1);
      if (!version.equals("V3")) {
        client.execute(SimpleStatement.newInstance("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (:k, :c, "
            + FUNCTIONS + ")", Map.of("k", key + 3, "c", 2)));
      }

      assertThat(insert.getVariableDefinitions().size()).as("the client's markers only").isEqualTo(2);
      assertThat(update.getVariableDefinitions().size()).isEqualTo(2);
    }
    List<String> source = rows(clusters.sourceSession(), key);
    assertThat(source).hasSize(version.equals("V3") ? 6 : 7)
        .allSatisfy(row -> assertThat(row).doesNotContain("null|null|null"));
    assertThat(rows(clusters.targetSession(), key)).isEqualTo(source);
  }

  /** The rows of partitions {@code key} to {@code key + 3}, each as "columns|writetime", read from one cluster. */
  private static List<String> rows(CqlSession direct, int key) {
    List<String> rows = new ArrayList<>();
    for (int k = key; k <= key + 3; k++) {
      for (Row row : direct.execute("SELECT " + COLUMNS + ", at, WRITETIME(a) FROM " + table + " WHERE k = ?", k)) {
        StringBuilder line = new StringBuilder();
        for (int index = 0; index < row.getColumnDefinitions().size(); index++) {
          line.append(index == 0 ? "" : "|").append(row.getObject(index));
        }
        rows.add(line.toString());
      }
    }
    return rows;
  }
}
