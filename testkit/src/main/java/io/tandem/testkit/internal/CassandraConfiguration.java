package io.tandem.testkit.internal;

import io.tandem.testkit.CassandraVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the {@code cassandra.yaml} and {@code logback.xml} of one node into its folder, in the yaml names its
 * version accepts: 4.1 renamed {@code commitlog_sync_period_in_ms} to {@code commitlog_sync_period} (4.0 and
 * 3.11 reject the new name), 4.0 added seeds with a port and {@code
 * allocate_tokens_for_local_replication_factor}, 3.11 still has a Thrift server to keep off.
 */
public final class CassandraConfiguration {

  private CassandraConfiguration() {}

  /** Everything that varies between nodes. */
  public record NodeSettings(
      String clusterName,
      String address,
      String seedAddress,
      int nativePort,
      int storagePort,
      boolean passwordAuthentication,
      Path keystore,
      String keystorePassword,
      String extraYaml,
      CassandraVersion version) {}

  public static Path writeYaml(Path nodeDirectory, NodeSettings settings) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("cluster_name: '").append(settings.clusterName()).append("'\n")
        .append("num_tokens: 16\n")
        .append(atLeast4(settings) ? "allocate_tokens_for_local_replication_factor: 1\n" : "start_rpc: false\n")
        .append("partitioner: org.apache.cassandra.dht.Murmur3Partitioner\n")
        .append("data_file_directories:\n  - ").append(nodeDirectory.resolve("data")).append('\n')
        .append("commitlog_directory: ").append(nodeDirectory.resolve("commitlog")).append('\n')
        .append("saved_caches_directory: ").append(nodeDirectory.resolve("saved_caches")).append('\n')
        .append("hints_directory: ").append(nodeDirectory.resolve("hints")).append('\n')
        .append("cdc_raw_directory: ").append(nodeDirectory.resolve("cdc_raw")).append('\n')
        .append("commitlog_sync: periodic\n")
        .append(settings.version().isAtLeast(CassandraVersion.V4_1)
            ? "commitlog_sync_period: 10000ms\n"
            : "commitlog_sync_period_in_ms: 10000\n")
        .append("seed_provider:\n")
        .append("  - class_name: org.apache.cassandra.locator.SimpleSeedProvider\n")
        .append("    parameters:\n")
        .append("      - seeds: \"").append(seeds(settings)).append("\"\n")
        .append("listen_address: ").append(settings.address()).append('\n')
        .append("rpc_address: ").append(settings.address()).append('\n')
        .append("storage_port: ").append(settings.storagePort()).append('\n')
        .append("native_transport_port: ").append(settings.nativePort()).append('\n')
        .append("start_native_transport: true\n")
        .append("endpoint_snitch: SimpleSnitch\n")
        .append("memtable_allocation_type: heap_buffers\n")
        .append("auto_snapshot: false\n")
        .append("snapshot_on_duplicate_row_detection: false\n");
    if (settings.passwordAuthentication()) {
      yaml.append("authenticator: PasswordAuthenticator\n")
          .append("authorizer: CassandraAuthorizer\n")
          .append("role_manager: CassandraRoleManager\n");
    } else {
      yaml.append("authenticator: AllowAllAuthenticator\n")
          .append("authorizer: AllowAllAuthorizer\n");
    }
    if (settings.keystore() != null) {
      yaml.append("client_encryption_options:\n")
          .append("  enabled: true\n")
          .append("  optional: false\n")
          .append("  keystore: ").append(settings.keystore().toAbsolutePath()).append('\n')
          .append("  keystore_password: \"").append(settings.keystorePassword()).append("\"\n");
    }
    if (settings.extraYaml() != null && !settings.extraYaml().isBlank()) {
      yaml.append(settings.extraYaml()).append('\n');
    }
    Path file = nodeDirectory.resolve("cassandra.yaml");
    Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private static boolean atLeast4(NodeSettings settings) {
    return settings.version().isAtLeast(CassandraVersion.V4_0);
  }

  private static String seeds(NodeSettings settings) {
    return atLeast4(settings) ? settings.seedAddress() + ":" + settings.storagePort() : settings.seedAddress();
  }

  public static Path writeLogback(Path nodeDirectory) throws IOException {
    String logback =
        "<configuration scan=\"false\">\n"
            + "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
            + "    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <logger name=\"org.apache.cassandra\" level=\"INFO\"/>\n"
            + "  <logger name=\"com.datastax\" level=\"WARN\"/>\n"
            + "  <logger name=\"io.netty\" level=\"WARN\"/>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"STDOUT\"/></root>\n"
            + "</configuration>\n";
    Path file = nodeDirectory.resolve("logback.xml");
    Files.writeString(file, logback, StandardCharsets.UTF_8);
    return file;
  }
}
