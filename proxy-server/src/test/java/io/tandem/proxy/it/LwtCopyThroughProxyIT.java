package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.core.api.mirror.LwtCopyMode;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LWTs through the proxy with {@code lwt-copy = UNCONDITIONAL_AT_PRIMARY_WRITETIME}: the proxy reads {@code
 * [applied]} from the source's answer, so an applied LWT lands on the target at the source's WRITETIME and a
 * not-applied one not at all.
 */
@TandemClusters
class LwtCopyThroughProxyIT {

  private static ProxyFixture fixture;
  private static CqlSession client;

  @BeforeAll
  static void startProxy(ClusterPair clusters) {
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.lwt_proxy");
    clusters.executeOnBoth("CREATE TABLE %s.lwt_proxy (k int PRIMARY KEY, v text)");
    fixture = ProxyFixture.start(clusters, MirrorMode.SYNC, config -> config.mirror(ProxyFixture.quickMirror(
        MirrorMode.SYNC).lwtCopy(LwtCopyMode.UNCONDITIONAL_AT_PRIMARY_WRITETIME).build()));
    client = fixture.clientSession();
  }

  @AfterAll
  static void stopProxy() {
    client.close();
    fixture.close();
  }

  @Test
  void should_copy_applied_lwts_at_the_source_writetime_and_skip_the_others(ClusterPair clusters) {
    String table = clusters.keyspace() + ".lwt_proxy";
    PreparedStatement insert = client.prepare("INSERT INTO " + table + " (k, v) VALUES (?, ?) IF NOT EXISTS");
    clusters.executeOnSource("INSERT INTO %s.lwt_proxy (k, v) VALUES (3, 'source only')");

    assertThat(client.execute(insert.bind(1, "a")).wasApplied()).isTrue();
    assertThat(client.execute("UPDATE " + table + " SET v = 'b' WHERE k = 1 IF v = 'a'").wasApplied()).isTrue();
    assertThat(client.execute("INSERT INTO " + table + " (k, v) VALUES (2, 'c') IF NOT EXISTS").wasApplied()).isTrue();
    assertThat(client.execute(insert.bind(3, "x")).wasApplied()).isFalse();

    for (int k = 1; k <= 2; k++) {
      Row source = row(clusters.sourceSession(), table, k);
      Row target = row(clusters.targetSession(), table, k);
      assertThat(target.getString(0)).isEqualTo(source.getString(0));
      assertThat(target.getLong(1)).as("WRITETIME of k=%s", k).isEqualTo(source.getLong(1));
    }
    assertThat(row(clusters.targetSession(), table, 3)).isNull();
  }

  private static Row row(CqlSession session, String table, int k) {
    return session.execute("SELECT v, WRITETIME(v) FROM " + table + " WHERE k = ?", k).one();
  }
}
