package io.tandem.proxy.cli;

import io.tandem.core.api.config.ControlOption;
import io.tandem.core.api.config.MirrorOption;
import io.tandem.core.api.config.TandemOption;
import io.tandem.proxy.api.ProxyOption;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Every setting the proxy's command line and {@code --config} file share: each names its catalogue option, so a
 * flag cannot set a key that does not exist. {@code ProxyOptionTest} checks every {@link ProxyOption} is here.
 */
final class Settings {

  static final ClusterSettings SOURCE = ClusterSettings.source();
  static final ClusterSettings TARGET = ClusterSettings.target();

  static final Setting LISTEN_ADDRESS = Setting.of(ProxyOption.LISTEN_ADDRESS, "--proxy-address");
  static final Setting PORT = Setting.of(ProxyOption.PORT, "--proxy-port");
  static final Setting TOPOLOGY = Setting.of(ProxyOption.TOPOLOGY, "--proxy-topology");
  static final Setting PROTOCOL_VERSIONS = Setting.of(ProxyOption.PROTOCOL_VERSIONS, "--protocol-version");
  static final Setting CQL_VERSION = Setting.of(ProxyOption.CQL_VERSION, "--cql-version");
  static final Setting COMPRESSION = Setting.of(ProxyOption.COMPRESSION, "--compression");
  static final Setting KEYSTORE = Setting.of(ProxyOption.CLIENT_TLS_KEYSTORE, "--proxy-jks-file");
  static final Setting KEYSTORE_PASSWORD = Setting.of(ProxyOption.CLIENT_TLS_KEYSTORE_PASSWORD, "--proxy-jks-password");
  static final Setting MAX_FRAME_SIZE = Setting.of(ProxyOption.MAX_FRAME_SIZE, "--max-frame-size");
  static final Setting MAX_STREAM_IDS = Setting.of(ProxyOption.MAX_STREAM_IDS_PER_CONNECTION, null);
  static final Setting REQUEST_TIMEOUT = Setting.of(ProxyOption.REQUEST_TIMEOUT, "--request-timeout");
  static final Setting CONNECT_TIMEOUT = Setting.of(ProxyOption.CONNECT_TIMEOUT, null);
  static final Setting HEARTBEAT_INTERVAL = Setting.of(ProxyOption.HEARTBEAT_INTERVAL, null);
  static final Setting SHUTDOWN_GRACE_PERIOD = Setting.of(ProxyOption.SHUTDOWN_GRACE_PERIOD, null);
  static final Setting PREPARED_CACHE_SIZE = Setting.of(ProxyOption.PREPARED_CACHE_SIZE, null);
  static final Setting MAX_LOGIN_SESSIONS = Setting.of(ProxyOption.MAX_LOGIN_SESSIONS, null);
  static final Setting EVENT_LOOP_THREADS = Setting.of(ProxyOption.EVENT_LOOP_THREADS, "--threads");
  static final Setting NATIVE_TRANSPORT = Setting.of(ProxyOption.NATIVE_TRANSPORT, null);
  static final Setting READ_SIDE = Setting.of(ProxyOption.READ_SIDE, "--read-side");
  static final Setting ADMIN_ENABLED = Setting.of(ProxyOption.ADMIN_ENABLED, "--metrics");
  static final Setting ADMIN_ADDRESS = Setting.of(ProxyOption.ADMIN_ADDRESS, "--metrics-address");
  static final Setting ADMIN_PORT = Setting.of(ProxyOption.ADMIN_PORT, "--metrics-port");

  // the tandem.mirror settings that have a flag; the rest of that section comes from the file only
  static final Setting MIRROR_MODE = Setting.of(MirrorOption.MODE, "--mirror-mode");
  static final Setting TARGET_FAILURE_POLICY =
      Setting.of(MirrorOption.TARGET_FAILURE_POLICY, "--target-failure-policy");
  static final Setting FAILED_WRITE_DIRECTORY = Setting.of(MirrorOption.FAILED_WRITE_DIRECTORY, "--failed-write-log");
  static final Setting SECONDARY_CONSISTENCY = Setting.of(MirrorOption.SECONDARY_CONSISTENCY, "--target-consistency");
  static final Setting REWRITE_FUNCTIONS = Setting.of(MirrorOption.REWRITE_NON_DETERMINISTIC_FUNCTIONS, "--uuid");
  static final Setting TABLE_MODES = Setting.of(MirrorOption.TABLE_MODES, "--table-mode");
  static final Setting PRIMARY_ONLY_STATEMENTS = Setting.of(MirrorOption.PRIMARY_ONLY_STATEMENTS, "--filter-tables");

  // the tandem.control settings that have a flag
  static final Setting MIGRATION_ID = Setting.of(ControlOption.MIGRATION_ID, "--migration");
  static final Setting CONTROL_CLUSTER = Setting.of(ControlOption.CLUSTER, "--control-cluster");
  static final Setting CONTROL_KEYSPACE = Setting.of(ControlOption.KEYSPACE, "--control-keyspace");
  static final Setting CONTROL_POLL_INTERVAL = Setting.of(ControlOption.POLL_INTERVAL, "--control-poll-interval");

  // a third cluster holding the control store, under tandem.proxy.control
  static final Setting CONTROL_CONTACT_POINTS = Setting.of(ProxyOption.CONTROL_CONTACT_POINTS, "--control-cluster");
  static final Setting CONTROL_TLS = Setting.of(ProxyOption.CONTROL_TLS, "--control-tls");
  static final Setting CONTROL_VERIFY_HOSTNAME =
      Setting.of(ProxyOption.CONTROL_VERIFY_HOSTNAME, "--disable-hostname-verification");
  static final Setting CONTROL_USERNAME = Setting.of(ProxyOption.CONTROL_USERNAME, "--control-username");
  static final Setting CONTROL_PASSWORD = Setting.of(ProxyOption.CONTROL_PASSWORD, "--control-password");
  static final Setting CONTROL_DATACENTER = Setting.of(ProxyOption.CONTROL_DATACENTER, "--control-datacenter");

  private Settings() {}

  /** The flag that sets an option, or {@code null} when only the {@code --config} file can. */
  static String flag(TandemOption option) {
    return Flags.BY_OPTION.get(option);
  }

  /** Every setting above by option, read once the constants exist. */
  private static final class Flags {
    static final Map<TandemOption, String> BY_OPTION = byOption();

    private static Map<TandemOption, String> byOption() {
      Map<TandemOption, String> flags = new HashMap<>();
      try {
        for (Field field : Settings.class.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers())) {
            continue;
          }
          Object constant = field.get(null);
          if (constant instanceof Setting setting) {
            flags.put(setting.option(), setting.flag());
          } else if (constant instanceof ClusterSettings cluster) {
            for (RecordComponent component : ClusterSettings.class.getRecordComponents()) {
              if (component.getAccessor().invoke(cluster) instanceof Setting setting) {
                flags.put(setting.option(), setting.flag());
              }
            }
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      return flags;
    }
  }
}
