package io.tandem.core.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.mirror.LoginSessions;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * An engine over the shared clusters, whose sessions give up fast (1 s request timeout, reconnection
 * within 1 s) so outage tests run in seconds, and helpers to write through it and compare both sides.
 */
final class EngineFixture implements AutoCloseable {

  final ClusterPair clusters;
  final CqlSession source;
  final CqlSession target;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  MirrorEngine engine;

  EngineFixture(ClusterPair clusters) {
    this.clusters = clusters;
    this.source = fastSession(clusters.source());
    this.target = fastSession(clusters.target());
  }

  /** See {@link QuickMirrorConfig}. */
  static MirrorConfig.Builder quickConfig(Path logDirectory) {
    return QuickMirrorConfig.builder(logDirectory);
  }

  EngineFixture start(MirrorConfig config) {
    return start(config, LoginSessions.of(target));
  }

  /** Starts the engine with the target's copies sent through sessions chosen per login. */
  EngineFixture start(MirrorConfig config, LoginSessions targetSessions) {
    engine = MirrorEngine.builder().withSource(source).withSessions(Side.TARGET, targetSessions).withConfig(config)
        .withMeterRegistry(meters).build();
    return this;
  }

  /** Writes through the engine the way a front door does: one call, the primary's copy via the engine's session. */
  CompletionStage<Object> write(String query, ByteBuffer... values) {
    return write(null, query, values);
  }

  /** As {@link #write(String, ByteBuffer...)}, for a write made under a login. */
  CompletionStage<Object> write(String login, String query, ByteBuffer... values) {
    WriteCommand command = WriteCommand.builder(
        BoundQuery.of(query.replace("%s", clusters.keyspace()), List.of(values))).withLogin(login).build();
    return engine.write(command, (primary, prepared) -> engine.executeOn(primary, prepared)
        .thenApply(result -> (Object) result));
  }

  static ByteBuffer integer(int value) {
    return TypeCodecs.INT.encode(value, com.datastax.oss.driver.api.core.ProtocolVersion.DEFAULT);
  }

  static ByteBuffer text(String value) {
    return TypeCodecs.TEXT.encode(value, com.datastax.oss.driver.api.core.ProtocolVersion.DEFAULT);
  }

  /** "key|value|writetime" per row of {@code table(k int, v text)}, in token order. */
  List<String> rows(Side side, String table) {
    CqlSession session = side == Side.SOURCE ? source : target;
    List<String> rows = new ArrayList<>();
    for (Row row : session.execute("SELECT k, v, WRITETIME(v) FROM " + clusters.keyspace() + "." + table)) {
      rows.add(row.getInt(0) + "|" + row.getString(1) + "|" + row.getLong(2));
    }
    return rows;
  }

  static CqlSession fastSession(EmbeddedCassandraCluster cluster) {
    return cluster.testSessionBuilder(Duration.ofSeconds(1)).build();
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
    source.close();
    target.close();
  }
}
