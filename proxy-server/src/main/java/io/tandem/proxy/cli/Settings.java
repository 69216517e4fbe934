package io.tandem.proxy.cli;

/** Every setting the proxy's command line and {@code --config} file share (see {@code reference.conf}). */
final class Settings {

  static final ClusterSettings SOURCE = ClusterSettings.of("source");
  static final ClusterSettings TARGET = ClusterSettings.of("target");

  static final Setting LISTEN_ADDRESS = Setting.proxy("listen-address", "--proxy-address");
  static final Setting PORT = Setting.proxy("port", "--proxy-port");
  static final Setting TOPOLOGY = Setting.proxy("topology", "--proxy-topology");
  static final Setting PROTOCOL_VERSIONS = Setting.proxy("protocol-versions", "--protocol-version");
  static final Setting CQL_VERSION = Setting.proxy("cql-version", "--cql-version");
  static final Setting COMPRESSION = Setting.proxy("compression", "--compression");
  static final Setting KEYSTORE = Setting.proxy("client-tls.keystore", "--proxy-jks-file");
  static final Setting KEYSTORE_PASSWORD = Setting.proxy("client-tls.keystore-password", "--proxy-jks-password");
  static final Setting MAX_FRAME_SIZE = Setting.proxy("max-frame-size", "--max-frame-size");
  static final Setting MAX_STREAM_IDS = Setting.proxy("max-stream-ids-per-connection", null);
  static final Setting REQUEST_TIMEOUT = Setting.proxy("request-timeout", "--request-timeout");
  static final Setting CONNECT_TIMEOUT = Setting.proxy("connect-timeout", null);
  static final Setting HEARTBEAT_INTERVAL = Setting.proxy("heartbeat-interval", null);
  static final Setting SHUTDOWN_GRACE_PERIOD = Setting.proxy("shutdown-grace-period", null);
  static final Setting PREPARED_CACHE_SIZE = Setting.proxy("prepared-cache-size", null);
  static final Setting MAX_LOGIN_SESSIONS = Setting.proxy("max-login-sessions", null);
  static final Setting EVENT_LOOP_THREADS = Setting.proxy("event-loop-threads", "--threads");
  static final Setting NATIVE_TRANSPORT = Setting.proxy("native-transport", null);
  static final Setting READ_SIDE = Setting.proxy("read-side", "--read-side");
  static final Setting ADMIN_ENABLED = Setting.proxy("admin.enabled", "--metrics");
  static final Setting ADMIN_ADDRESS = Setting.proxy("admin.address", "--metrics-address");
  static final Setting ADMIN_PORT = Setting.proxy("admin.port", "--metrics-port");

  // the tandem.mirror settings that have a flag; the rest of that section comes from the file only
  static final Setting MIRROR_MODE = Setting.mirror("mode", "--mirror-mode");
  static final Setting TARGET_FAILURE_POLICY = Setting.mirror("target-failure-policy", "--target-failure-policy");
  static final Setting FAILED_WRITE_DIRECTORY = Setting.mirror("failed-write-log.directory", "--failed-write-log");
  static final Setting SECONDARY_CONSISTENCY = Setting.mirror("secondary-consistency", "--target-consistency");
  static final Setting REWRITE_FUNCTIONS = Setting.mirror("rewrite-non-deterministic-functions", "--uuid");
  static final Setting TABLE_MODES = Setting.mirror("table-modes", "--table-mode");
  static final Setting PRIMARY_ONLY_STATEMENTS = Setting.mirror("primary-only-statements", "--filter-tables");

  private Settings() {}
}
