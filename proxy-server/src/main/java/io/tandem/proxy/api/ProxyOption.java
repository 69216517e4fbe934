package io.tandem.proxy.api;

import io.tandem.core.api.config.OptionSpec;
import io.tandem.core.api.config.OptionType;
import io.tandem.core.api.config.TandemOption;

/**
 * Every {@code tandem.proxy} setting of the proxy (this module's {@code reference.conf}), with the default
 * that file gives it; {@link ProxyConfig#builder} starts from these defaults, and each {@code tandem-proxy}
 * flag sets one of these (or a {@link io.tandem.core.api.config.MirrorOption}). Where the proxy's mirror
 * defaults differ from core's, see {@link ProxyConfig#MIRROR_DEFAULTS}.
 */
public enum ProxyOption implements TandemOption {
  SOURCE_CONTACT_POINTS("source.contact-points", OptionType.STRING_LIST, "[]",
      "Contact points of the source cluster, host or host:port. Required."),
  SOURCE_PORT("source.port", OptionType.INTEGER, "9042", "CQL port of source contact points given without one."),
  SOURCE_TLS("source.tls", OptionType.BOOLEAN, "true", "TLS from the proxy to the source cluster."),
  SOURCE_VERIFY_HOSTNAME("source.verify-hostname", OptionType.BOOLEAN, "true",
      "With TLS, whether each source node's certificate must match its address."),
  SOURCE_TRUSTSTORE("source.truststore", OptionType.STRING, "\"\"",
      "Truststore for the source cluster's certificates; empty: the JDK's."),
  SOURCE_TRUSTSTORE_PASSWORD("source.truststore-password", OptionType.STRING, "\"\"",
      "The source truststore's password; empty: none."),
  SOURCE_USERNAME("source.username", OptionType.STRING, "\"\"",
      "User of the proxy's own source connections; empty: each client's credentials."),
  SOURCE_PASSWORD("source.password", OptionType.STRING, "\"\"",
      "That user's password (or TANDEM_SOURCE_PASSWORD). Never logged."),
  SOURCE_DATACENTER("source.datacenter", OptionType.STRING, "\"\"",
      "Local data center of the source session; empty: inferred."),
  TARGET_CONTACT_POINTS("target.contact-points", OptionType.STRING_LIST, "[]",
      "Contact points of the target cluster, host or host:port. Required."),
  TARGET_PORT("target.port", OptionType.INTEGER, "9042", "CQL port of target contact points given without one."),
  TARGET_TLS("target.tls", OptionType.BOOLEAN, "true", "TLS from the proxy to the target cluster."),
  TARGET_VERIFY_HOSTNAME("target.verify-hostname", OptionType.BOOLEAN, "true",
      "With TLS, whether each target node's certificate must match its address."),
  TARGET_TRUSTSTORE("target.truststore", OptionType.STRING, "\"\"",
      "Truststore for the target cluster's certificates; empty: the JDK's."),
  TARGET_TRUSTSTORE_PASSWORD("target.truststore-password", OptionType.STRING, "\"\"",
      "The target truststore's password; empty: none."),
  TARGET_USERNAME("target.username", OptionType.STRING, "\"\"",
      "User of the proxy's own target connections; empty: each client's credentials."),
  TARGET_PASSWORD("target.password", OptionType.STRING, "\"\"",
      "That user's password (or TANDEM_TARGET_PASSWORD). Never logged."),
  TARGET_DATACENTER("target.datacenter", OptionType.STRING, "\"\"",
      "Local data center of the target session; empty: inferred."),
  CONTROL_CONTACT_POINTS("control.contact-points", OptionType.STRING_LIST, "[]",
      "Contact points of a third cluster holding the control store, host or host:port (port 9042); empty: "
          + "tandem.control.cluster."),
  CONTROL_TLS("control.tls", OptionType.BOOLEAN, "false",
      "TLS from the proxy to the control cluster, trusting the JDK's truststore."),
  CONTROL_VERIFY_HOSTNAME("control.verify-hostname", OptionType.BOOLEAN, "true",
      "With TLS, whether each control node's certificate must match its address."),
  CONTROL_USERNAME("control.username", OptionType.STRING, "\"\"",
      "User the proxy logs in as on the control cluster; empty: none."),
  CONTROL_PASSWORD("control.password", OptionType.STRING, "\"\"",
      "That user's password (or TANDEM_CONTROL_PASSWORD). Never logged."),
  CONTROL_DATACENTER("control.datacenter", OptionType.STRING, "\"\"",
      "Local data center of the control session; empty: source.datacenter."),
  LISTEN_ADDRESS("listen-address", OptionType.STRING, "\"0.0.0.0\"", "Address clients connect to."),
  PORT("port", OptionType.INTEGER, "29042", "Port clients connect to."),
  TOPOLOGY("topology", OptionType.STRING_LIST, "[]",
      "Every proxy instance clients may use, as host:port; empty: this one alone."),
  PROTOCOL_VERSIONS("protocol-versions", OptionType.INTEGER_LIST, "[3, 4, 5]",
      "Protocol versions offered to clients: 3, 4 and/or 5."),
  CQL_VERSION("cql-version", OptionType.STRING, "\"\"", "CQL_VERSION offered to clients; empty: the cluster's."),
  COMPRESSION("compression", OptionType.STRING_LIST, "[lz4, snappy]",
      "Compression offered to clients (lz4, snappy); empty: none."),
  CLIENT_TLS_KEYSTORE("client-tls.keystore", OptionType.STRING, "\"\"",
      "Keystore for TLS towards clients; empty: plain TCP."),
  CLIENT_TLS_KEYSTORE_PASSWORD("client-tls.keystore-password", OptionType.STRING, "\"changeit\"",
      "The client TLS keystore's password."),
  MAX_FRAME_SIZE("max-frame-size", OptionType.BYTES, "16 MiB",
      "Largest frame body accepted from a client or a cluster."),
  MAX_STREAM_IDS_PER_CONNECTION("max-stream-ids-per-connection", OptionType.INTEGER, "2048",
      "Concurrent requests per client connection towards one cluster, 1 to 32768."),
  REQUEST_TIMEOUT("request-timeout", OptionType.DURATION, "12 seconds",
      "How long the proxy waits for a cluster's answer."),
  CONNECT_TIMEOUT("connect-timeout", OptionType.DURATION, "5 seconds", "TCP connect timeout towards cluster nodes."),
  HEARTBEAT_INTERVAL("heartbeat-interval", OptionType.DURATION, "30 seconds",
      "Idle time after which a cluster connection sends OPTIONS; 0 disables."),
  SHUTDOWN_GRACE_PERIOD("shutdown-grace-period", OptionType.DURATION, "10 seconds",
      "On shutdown, how long in-flight requests may take."),
  PREPARED_CACHE_SIZE("prepared-cache-size", OptionType.INTEGER, "10000", "Prepared statements remembered."),
  MAX_LOGIN_SESSIONS("max-login-sessions", OptionType.INTEGER, "16",
      "Most driver sessions per cluster logged in with a client's credentials."),
  EVENT_LOOP_THREADS("event-loop-threads", OptionType.INTEGER, "0", "Netty event-loop threads; 0: one per core."),
  NATIVE_TRANSPORT("native-transport", OptionType.BOOLEAN, "true", "Linux's epoll transport where it loads."),
  READ_SIDE("read-side", OptionType.ENUM, "SOURCE", "The cluster reads go to at start: SOURCE or TARGET."),
  ADMIN_ENABLED("admin.enabled", OptionType.BOOLEAN, "true", "Whether the HTTP admin and metrics endpoint runs."),
  ADMIN_ADDRESS("admin.address", OptionType.STRING, "\"127.0.0.1\"", "Address of the admin and metrics endpoint."),
  ADMIN_PORT("admin.port", OptionType.INTEGER, "28000", "Port of the admin and metrics endpoint.");

  private final OptionSpec spec;

  ProxyOption(String key, OptionType type, String defaultValue, String description) {
    this.spec = OptionSpec.of("tandem.proxy", key, type, defaultValue, description);
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
