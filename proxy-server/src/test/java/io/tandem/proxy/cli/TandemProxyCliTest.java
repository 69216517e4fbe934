package io.tandem.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.BackpressurePolicy;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.TargetFailurePolicy;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line without starting anything: flags, the config file, their precedence, and bad input. */
class TandemProxyCliTest {

  private static final String SOURCE = "10.0.0.1";
  private static final String TARGET = "10.0.0.2";

  @TempDir Path work;

  @Test
  void should_parse_an_azure_command_line() {
    ProxyConfig config = config(SOURCE, TARGET, "--source-port", "9043", "--target-port", "9044",
        "--proxy-port", "29043", "--disable-source-tls", "true", "--disable-target-tls", "true",
        "--protocol-version", "4", "--threads", "4", "--metrics", "true", "--metrics-port", "28001",
        "--target-username", "migrator", "--target-password", "s3cret", "--wait", "true");

    assertThat(config.source()).isEqualTo(new ClusterEndpoint("source",
        List.of(new InetSocketAddress(SOURCE, 9043)), false, false, null, null, null, null, null));
    assertThat(config.target()).isEqualTo(new ClusterEndpoint("target",
        List.of(new InetSocketAddress(TARGET, 9044)), false, false, null, null, "migrator", "s3cret", null));
    assertThat(config.listenAddress()).isEqualTo(new InetSocketAddress("0.0.0.0", 29043));
    assertThat(config.protocolVersions()).containsExactly(4);
    assertThat(config.eventLoopThreads()).isEqualTo(4);
    assertThat(config.adminAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 28001));
    assertThat(config.mirror().defaultMode()).isEqualTo(MirrorMode.SYNC);
  }

  @Test
  void should_accept_azure_short_flags() {
    ProxyConfig config = config(SOURCE, TARGET, "-p", "29050", "-t", "2", "-mp", "28050", "-W", "false");

    assertThat(config.listenAddress().getPort()).isEqualTo(29050);
    assertThat(config.eventLoopThreads()).isEqualTo(2);
    assertThat(config.adminAddress().getPort()).isEqualTo(28050);
    assertThat(config.mirror().defaultMode()).isEqualTo(MirrorMode.ASYNC);
  }

  @Test
  void should_use_the_defaults_of_azure_and_tandem() {
    ProxyConfig config = config(SOURCE, TARGET);
    MirrorConfig defaults = MirrorConfig.builder().build();

    assertThat(config.source()).isEqualTo(new ClusterEndpoint("source",
        List.of(new InetSocketAddress(SOURCE, 9042)), true, true, null, null, null, null, null));
    assertThat(config.target().tls()).isTrue();
    assertThat(config.target().verifyHostname()).isTrue();
    assertThat(config.listenAddress()).isEqualTo(new InetSocketAddress("0.0.0.0", 29042));
    assertThat(config.adminAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 28000));
    assertThat(config.topologyAddresses()).isEmpty();
    assertThat(config.protocolVersions()).containsExactly(3, 4, 5);
    assertThat(config.cqlVersion()).isNull();
    assertThat(config.clientKeystore()).isNull();
    assertThat(config.maxFrameBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(config.maxStreamIdsPerConnection()).isEqualTo(2048);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.preparedCacheSize()).isEqualTo(10_000);
    assertThat(config.eventLoopThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.mirror().defaultMode()).isEqualTo(defaults.defaultMode());
    assertThat(config.mirror().targetFailurePolicy()).isEqualTo(defaults.targetFailurePolicy());
    assertThat(config.mirror().failedWriteDirectory()).isEqualTo(defaults.failedWriteDirectory());
    assertThat(config.mirror().backpressurePolicy()).as("never block an I/O thread")
        .isEqualTo(BackpressurePolicy.LOG_FOR_REPLAY);
    assertThat(config.mirror().secondaryConsistency()).isNull();
    assertThat(config.mirror().rewriteNonDeterministicFunctions()).isTrue();
    assertThat(parse(SOURCE, TARGET).settings().readSide()).isEqualTo(Side.SOURCE);
    assertThat(parse(SOURCE, TARGET).warnings()).isEmpty();
  }

  @Test
  void should_accept_tls_flags_bare_or_with_a_value() {
    ProxyConfig bare = config(SOURCE, TARGET, "--disable-source-tls", "--disable-target-tls");
    ProxyConfig explicit = config(SOURCE, TARGET, "--disable-source-tls", "false", "--disable-target-tls=true");
    ProxyConfig bareBeforeArguments = config("--disable-source-tls", SOURCE, TARGET);

    assertThat(bare.source().tls()).isFalse();
    assertThat(bare.target().tls()).isFalse();
    assertThat(explicit.source().tls()).isTrue();
    assertThat(explicit.target().tls()).isFalse();
    assertThat(bareBeforeArguments.source().tls()).isFalse();
    assertThat(bareBeforeArguments.source().contactPoints()).containsExactly(new InetSocketAddress(SOURCE, 9042));
    assertThat(bareBeforeArguments.target().contactPoints()).containsExactly(new InetSocketAddress(TARGET, 9042));
  }

  @Test
  void should_turn_hostname_verification_off_for_both_clusters() {
    ProxyConfig config = config(SOURCE, TARGET, "--disable-hostname-verification");

    assertThat(config.source().tls()).isTrue();
    assertThat(config.source().verifyHostname()).isFalse();
    assertThat(config.target().verifyHostname()).isFalse();
  }

  @Test
  void should_split_contact_points_without_looking_names_up() {
    ProxyConfig config = config("10.0.0.1,10.0.0.3:9043, cassandra-a", "[::1]:9050,cassandra-b:9051",
        "--source-port", "9100");

    assertThat(config.source().contactPoints()).containsExactly(new InetSocketAddress("10.0.0.1", 9100),
        new InetSocketAddress("10.0.0.3", 9043), InetSocketAddress.createUnresolved("cassandra-a", 9100));
    assertThat(config.target().contactPoints()).containsExactly(new InetSocketAddress("::1", 9050),
        InetSocketAddress.createUnresolved("cassandra-b", 9051));
  }

  @Test
  void should_read_credentials_and_keep_passwords_out_of_the_start_line() {
    ProxyConfig config = config(SOURCE, TARGET, "--source-username", "reader", "--source-password", "pa55word",
        "--target-username", "writer", "--target-password", "w0rd");

    String line = TandemProxyCli.listening(new InetSocketAddress("0.0.0.0", 29042), config,
        new InetSocketAddress("127.0.0.1", 28000));

    assertThat(config.source().username()).isEqualTo("reader");
    assertThat(config.source().password()).isEqualTo("pa55word");
    assertThat(config.target().username()).isEqualTo("writer");
    assertThat(line).isEqualTo("Tandem proxy listening on 0.0.0.0:29042 (source 10.0.0.1:9042 with TLS as reader, "
        + "target 10.0.0.2:9042 with TLS as writer), metrics on http://127.0.0.1:28000/metrics");
    assertThat(line).doesNotContain("pa55word").doesNotContain("w0rd");
    assertThat(config.source().toString()).doesNotContain("pa55word");
  }

  @Test
  void should_map_wait_to_the_mirror_mode_unless_mirror_mode_is_given() {
    TandemProxyCli waitFalse = parse(SOURCE, TARGET, "--wait", "false");
    TandemProxyCli both = parse(SOURCE, TARGET, "--wait", "true", "--mirror-mode", "async");

    assertThat(waitFalse.toConfig().mirror().defaultMode()).isEqualTo(MirrorMode.ASYNC);
    assertThat(waitFalse.warnings()).singleElement().asString().contains("--mirror-mode async");
    assertThat(config(SOURCE, TARGET, "--wait").mirror().defaultMode()).isEqualTo(MirrorMode.SYNC);
    assertThat(config(SOURCE, TARGET, "--mirror-mode", "ASYNC").mirror().defaultMode()).isEqualTo(MirrorMode.ASYNC);
    assertThat(both.toConfig().mirror().defaultMode()).isEqualTo(MirrorMode.ASYNC);
    assertThat(both.warnings()).singleElement().asString().contains("--wait true is ignored");
  }

  @Test
  void should_map_the_mirror_flags() {
    TandemProxyCli cli = parse(SOURCE, TARGET, "--target-failure-policy", "fail", "--failed-write-log",
        work.resolve("owed").toString(), "--target-consistency", "local_quorum", "--uuid", "false",
        "--read-side", "target");

    MirrorConfig mirror = cli.toConfig().mirror();

    assertThat(mirror.targetFailurePolicy()).isEqualTo(TargetFailurePolicy.FAIL_CALLER);
    assertThat(mirror.failedWriteDirectory()).isEqualTo(work.resolve("owed"));
    assertThat(mirror.secondaryConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(mirror.rewriteNonDeterministicFunctions()).isFalse();
    assertThat(cli.settings().readSide()).isEqualTo(Side.TARGET);
    assertThat(config(SOURCE, TARGET, "--uuid").mirror().rewriteNonDeterministicFunctions()).isTrue();
    assertThat(config(SOURCE, TARGET, "--target-failure-policy", "log").mirror().targetFailurePolicy())
        .isEqualTo(TargetFailurePolicy.LOG_FOR_REPLAY);
  }

  @Test
  void should_map_table_modes_and_azure_filter_tables() {
    MirrorConfig mirror = config(SOURCE, TARGET, "--table-mode", "shop.Audit_Log=off", "--table-mode",
        "billing=async", "--filter-tables", "(?is)insert into shop\\.events.*").mirror();

    assertThat(mirror.tableModes()).containsOnly(entry("shop.audit_log", MirrorMode.OFF),
        entry("billing", MirrorMode.ASYNC));
    assertThat(mirror.primaryOnlyStatements().matcher("INSERT INTO shop.events (k) VALUES (1)").matches()).isTrue();
    assertThat(mirror.primaryOnlyStatements().matcher("INSERT INTO shop.orders (k) VALUES (1)").matches()).isFalse();
  }

  @Test
  void should_map_the_proxy_flags() {
    ProxyConfig config = config(SOURCE, TARGET, "--proxy-address", "127.0.0.1", "--proxy-port", "29100",
        "--proxy-topology", "10.1.0.1:29042,10.1.0.2", "--protocol-version", "4", "--protocol-version", "5",
        "--cql-version", "3.4.5", "--max-frame-size", "8MiB", "--request-timeout", "3s",
        "--metrics-address", "0.0.0.0", "--source-datacenter", "dc-a", "--target-datacenter", "dc-b");

    assertThat(config.listenAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 29100));
    assertThat(config.topologyAddresses()).containsExactly(new InetSocketAddress("10.1.0.1", 29042),
        new InetSocketAddress("10.1.0.2", 29100));
    assertThat(config.protocolVersions()).containsExactly(4, 5);
    assertThat(config.cqlVersion()).isEqualTo("3.4.5");
    assertThat(config.maxFrameBytes()).isEqualTo(8 * 1024 * 1024);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.adminAddress()).isEqualTo(new InetSocketAddress("0.0.0.0", 28000));
    assertThat(config.source().localDatacenter()).isEqualTo("dc-a");
    assertThat(config.target().localDatacenter()).isEqualTo("dc-b");
    assertThat(config(SOURCE, TARGET, "--max-frame-size", "1048576").maxFrameBytes()).isEqualTo(1048576);
    assertThat(config(SOURCE, TARGET, "--request-timeout", "PT2.5S").requestTimeout())
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(config(SOURCE, TARGET, "--metrics", "false").adminAddress()).isNull();
  }

  @Test
  void should_accept_ignored_azure_flags_with_a_warning_each() {
    TandemProxyCli cli = parse(SOURCE, TARGET, "--tcp-idle-time-out", "60", "--write-buffer-size", "2097152",
        "--source-identifier", "old", "--target-identifier", "new", "--only-message", "true", "--dest-close", "true",
        "--debug", "false");

    assertThat(cli.toConfig().source().contactPoints()).containsExactly(new InetSocketAddress(SOURCE, 9042));
    assertThat(cli.warnings()).hasSize(6).allSatisfy(warning -> assertThat(warning).contains("ignored"));
  }

  @Test
  void should_map_the_azure_compression_flags() {
    assertThat(config(SOURCE, TARGET).compression()).containsExactly("lz4", "snappy");
    assertThat(config(SOURCE, TARGET, "--compression", "SNAPPY").compression()).containsExactly("snappy");
    assertThat(config(SOURCE, TARGET, "--compression", "lz4,snappy", "--compression-enabled", "false")
        .compression()).isEmpty();
    assertThat(config(SOURCE, TARGET, "--compression-enabled").compression()).containsExactly("lz4", "snappy");
  }

  @Test
  void should_read_a_config_file_and_let_flags_win(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("proxy.conf");
    Files.writeString(file, String.join("\n",
        "tandem.proxy {",
        "  source { contact-points = [\"10.0.0.5\", \"10.0.0.6:9043\"], tls = false, username = u, password = p }",
        "  target { contact-points = \"10.0.0.7, 10.0.0.8\", tls = false, datacenter = dc2 }",
        "  port = 30000",
        "  connect-timeout = 2 seconds",
        "  max-stream-ids-per-connection = 512",
        "  read-side = TARGET",
        "  admin.enabled = false",
        "}",
        "tandem.mirror { mode = ASYNC, max-in-flight = 10 }"));

    TandemProxyCli fromFile = parse("--config", file.toString());
    ProxyConfig flagsWin = config("--config", file.toString(), "10.0.0.9", "--proxy-port", "30001",
        "--mirror-mode", "sync", "--metrics", "--disable-target-tls", "false");
    ProxyConfig config = fromFile.toConfig();

    assertThat(config.source()).isEqualTo(new ClusterEndpoint("source", List.of(new InetSocketAddress("10.0.0.5", 9042),
        new InetSocketAddress("10.0.0.6", 9043)), false, false, null, null, "u", "p", null));
    assertThat(config.target().contactPoints()).containsExactly(new InetSocketAddress("10.0.0.7", 9042),
        new InetSocketAddress("10.0.0.8", 9042));
    assertThat(config.target().localDatacenter()).isEqualTo("dc2");
    assertThat(config.listenAddress().getPort()).isEqualTo(30000);
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.maxStreamIdsPerConnection()).isEqualTo(512);
    assertThat(config.adminAddress()).isNull();
    assertThat(config.mirror().defaultMode()).isEqualTo(MirrorMode.ASYNC);
    assertThat(config.mirror().maxInFlight()).isEqualTo(10);
    assertThat(fromFile.settings().readSide()).isEqualTo(Side.TARGET);

    assertThat(flagsWin.source().contactPoints()).containsExactly(new InetSocketAddress("10.0.0.9", 9042));
    assertThat(flagsWin.source().username()).isEqualTo("u");
    assertThat(flagsWin.target().tls()).isTrue();
    assertThat(flagsWin.listenAddress().getPort()).isEqualTo(30001);
    assertThat(flagsWin.adminAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 28000));
    assertThat(flagsWin.mirror().defaultMode()).isEqualTo(MirrorMode.SYNC);
    assertThat(flagsWin.mirror().maxInFlight()).isEqualTo(10);
  }

  @Test
  void should_let_system_properties_override_the_proxy_defaults_but_not_the_file_or_the_flags(
      @TempDir Path directory) throws IOException {
    Path file = directory.resolve("proxy.conf");
    Files.writeString(file, "tandem.mirror.backpressure.policy = LOG_FOR_REPLAY\n");

    withSystemProperties(() -> {
      ProxyConfig fromProperties = config(SOURCE, TARGET);
      ProxyConfig fileWins = config(SOURCE, TARGET, "--config", file.toString());
      ProxyConfig flagWins = config(SOURCE, TARGET, "--mirror-mode", "sync");

      assertThat(fromProperties.mirror().backpressurePolicy()).as("-D beats the proxy's own default")
          .isEqualTo(BackpressurePolicy.WAIT);
      assertThat(fromProperties.mirror().defaultMode()).isEqualTo(MirrorMode.ASYNC);
      assertThat(fromProperties.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(fileWins.mirror().backpressurePolicy()).as("--config beats -D")
          .isEqualTo(BackpressurePolicy.LOG_FOR_REPLAY);
      assertThat(flagWins.mirror().defaultMode()).as("a flag beats -D").isEqualTo(MirrorMode.SYNC);
    }, "tandem.mirror.backpressure.policy", "WAIT", "tandem.mirror.mode", "ASYNC",
        "tandem.proxy.request-timeout", "3s");

    assertThat(config(SOURCE, TARGET).mirror().backpressurePolicy()).as("the proxy's default without -D")
        .isEqualTo(BackpressurePolicy.LOG_FOR_REPLAY);
  }

  @Test
  void should_read_a_properties_file(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("proxy.properties");
    Files.writeString(file, "tandem.proxy.port=30002\ntandem.proxy.protocol-versions=4\n"
        + "tandem.mirror.secondary-consistency=QUORUM\n");

    ProxyConfig config = config(SOURCE, TARGET, "--config", file.toString());

    assertThat(config.listenAddress().getPort()).isEqualTo(30002);
    assertThat(config.protocolVersions()).containsExactly(4);
    assertThat(config.mirror().secondaryConsistency()).isEqualTo(DefaultConsistencyLevel.QUORUM);
  }

  @Test
  void should_serve_clients_over_tls_from_a_keystore_and_trust_a_truststore() throws Exception {
    Path keystore = keystoreWithKey("s3cret");
    Path truststore = emptyStore("trust");

    ProxyConfig config = config(SOURCE, TARGET, "--proxy-jks-file", keystore.toString(), "--proxy-jks-password",
        "s3cret", "--source-truststore", truststore.toString(), "--source-truststore-password", "trust",
        "--target-truststore", truststore.toString(), "--target-truststore-password", "trust");

    assertThat(config.clientKeystore()).isEqualTo(keystore);
    assertThat(config.clientKeystorePassword()).isEqualTo("s3cret");
    assertThat(config.source().truststore()).isEqualTo(truststore);
    assertThat(config.source().truststorePassword()).isEqualTo("trust");
    assertThat(config.target().truststore()).isEqualTo(truststore);
  }

  @Test
  void should_mention_every_option_in_help() {
    CommandLine commandLine = TandemProxyCli.commandLine();
    String usage = commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);

    for (OptionSpec option : commandLine.getCommandSpec().options()) {
      for (String name : option.names()) {
        assertThat(usage).contains(name);
      }
    }
    assertThat(usage).contains("SOURCE", "TARGET", "--proxy-port", "-mp", "--disable-source-tls", "--wait",
        "--ghostIps", "--filter-tables", "--proxy-pem-keyfile", "--mirror-mode", "--config");
    Result help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--target-consistency");
  }

  @Test
  void should_print_a_version() {
    Result version = run("--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("Tandem proxy ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void should_reject_bad_input_with_one_line_naming_the_flag_and_exit_code_2(List<String> arguments,
      List<String> expected) {
    Result result = run(arguments.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString().startsWith("tandem-proxy: ").contains(expected);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        bad(List.of("--proxy-prot", "1"), "--proxy-prot", "--proxy-port"),
        bad(List.of("--proxy-port", "abc"), "--proxy-port", "abc"),
        bad(List.of("--proxy-port", "70000"), "--proxy-port", "70000"),
        bad(List.of("--metrics-port", "-1"), "--metrics-port"),
        bad(List.of("--threads", "-2"), "--threads", "positive"),
        bad(List.of("--source-username", "u"), "--source-username", "--source-password", "neither"),
        bad(List.of("--target-password", "p"), "--target-username", "--target-password"),
        bad(List.of("--protocol-version", "6"), "--protocol-version", "6 is not a protocol version the proxy "
            + "offers: use 3, 4 and/or 5"),
        bad(List.of("--protocol-version", "2"), "--protocol-version", "3, 4 and/or 5"),
        bad(List.of("--protocol-version", "four"), "--protocol-version"),
        bad(List.of("--mirror-mode", "sometimes"), "--mirror-mode", "sync or async"),
        bad(List.of("--target-failure-policy", "maybe"), "--target-failure-policy", "log or fail"),
        bad(List.of("--target-consistency", "MOST"), "--target-consistency", "LOCAL_QUORUM"),
        bad(List.of("--read-side", "both"), "--read-side", "SOURCE"),
        bad(List.of("--max-frame-size", "lots"), "--max-frame-size"),
        bad(List.of("--max-frame-size", "3GiB"), "--max-frame-size", "too large"),
        bad(List.of("--request-timeout", "12"), "--request-timeout", "unit"),
        bad(List.of("--proxy-topology", "10.1.0.1:port"), "--proxy-topology", "not a port"),
        bad(List.of("--proxy-jks-file", "/no/such/keystore.p12"), "--proxy-jks-file", "cannot read"),
        bad(List.of("--source-truststore", "/no/such/trust.jks"), "--source-truststore", "cannot read"),
        bad(List.of("--config", "/no/such/proxy.conf"), "--config", "cannot read"),
        bad(List.of("--proxy-pem-keyfile", "key.pem", "--proxy-pem-certfile", "cert.pem"), "--proxy-pem-keyfile",
            "not supported", "openssl pkcs12 -export"),
        bad(List.of("--compression", "gzip"), "--compression", "lz4 and snappy"),
        bad(List.of("--filter-tables", "insert (into"), "--filter-tables", "not a Java regular expression"),
        bad(List.of("--table-mode", "shop.audit_log"), "--table-mode", "KEYSPACE[.TABLE]=MODE"),
        bad(List.of("--table-mode", "shop=sometimes"), "--table-mode", "sync, async or off"),
        bad(List.of("--ghostIps", "{\"10.0.0.3\":\"10.0.0.4\"}"), "--ghostIps", "--proxy-topology"),
        bad(List.of("--migration", "orders 2026!"), "--migration (tandem.control.migration-id)",
            "'orders 2026!' is not valid", "e.g. orders-2026"),
        bad(List.of("--control-cluster", "ctl1:99999"), "--control-cluster (tandem.proxy.control.contact-points)",
            "not in 0..65535"),
        bad(List.of("--control-cluster", "ctl1,ctl2:cql"), "--control-cluster", "'cql' in 'ctl2:cql' is not a port"),
        bad(List.of("--control-cluster", "ctl1", "--control-password", "secret"), "give both --control-username and "
            + "--control-password (or TANDEM_CONTROL_PASSWORD), or neither"),
        bad(List.of("--control-username", "ops", "--control-password", "secret"),
            "--control-username (tandem.proxy.control.username) is for a third cluster",
            "--control-cluster HOST[:PORT]"),
        bad(List.of("--control-tls"), "--control-tls (tandem.proxy.control.tls) is for a third cluster"),
        bad(List.of("--control-cluster", "source", "--control-datacenter", "dc2"), "--control-datacenter"),
        bad(List.of("--control-keyspace", "1ks"), "--control-keyspace", "not a keyspace name"),
        bad(List.of("--control-poll-interval", "5"), "--control-poll-interval", "unit"),
        bad(List.of("--control-poll-interval", "0s"), "--control-poll-interval", "positive"),
        bad(List.of("--migration", "orders-2026", "--read-side", "target"), "--read-side", "--migration orders-2026",
            "tandem migrate advance orders-2026"));
  }

  @Test
  void should_follow_no_migration_by_default() {
    ControlConfig control = config(SOURCE, TARGET).control();

    assertThat(control).isEqualTo(ControlConfig.defaults());
    assertThat(control.migrationId()).isNull();
  }

  @Test
  void should_map_the_control_plane_flags() {
    ControlConfig control = config(SOURCE, TARGET, "--migration", "orders-2026", "--control-cluster", "target",
        "--control-keyspace", "ops_control", "--control-poll-interval", "500ms").control();

    assertThat(control.migrationId()).isEqualTo("orders-2026");
    assertThat(control.cluster()).isEqualTo(Side.TARGET);
    assertThat(control.keyspace()).isEqualTo("ops_control");
    assertThat(control.pollInterval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void should_have_no_third_control_cluster_by_default_nor_with_source_or_target() {
    assertThat(config(SOURCE, TARGET).controlEndpoint()).isNull();
    assertThat(config(SOURCE, TARGET, "--control-cluster", "Target").controlEndpoint()).isNull();
    assertThat(config(SOURCE, TARGET, "--control-cluster", "Target").control().cluster()).isEqualTo(Side.TARGET);
  }

  @Test
  void should_map_a_third_control_cluster_with_its_flags() {
    ProxyConfig config = config(SOURCE, TARGET, "--migration", "orders-2026", "--control-cluster",
        "ctl1,ctl2:9142", "--control-username", "ops", "--control-password", "s3cret", "--control-tls",
        "--control-datacenter", "dc3");

    ClusterEndpoint control = config.controlEndpoint();
    assertThat(control.name()).isEqualTo("control");
    assertThat(control.contactPoints()).containsExactly(InetSocketAddress.createUnresolved("ctl1", 9042),
        InetSocketAddress.createUnresolved("ctl2", 9142));
    assertThat(control.tls()).isTrue();
    assertThat(control.verifyHostname()).isTrue();
    assertThat(control.truststore()).isNull();
    assertThat(control.username()).isEqualTo("ops");
    assertThat(control.password()).isEqualTo("s3cret");
    assertThat(control.localDatacenter()).isEqualTo("dc3");
    assertThat(control.toString()).doesNotContain("s3cret");
    assertThat(config.control().cluster()).isEqualTo(Side.SOURCE);
  }

  @Test
  void should_give_a_third_control_cluster_the_source_datacenter_plain_tcp_and_no_credentials_by_default() {
    ClusterEndpoint control = config(SOURCE, TARGET, "--source-datacenter", "dc1", "--control-cluster",
        "10.0.0.9").controlEndpoint();

    assertThat(control.contactPoints()).extracting(InetSocketAddress::getPort).containsExactly(9042);
    assertThat(control.tls()).isFalse();
    assertThat(control.verifyHostname()).isFalse();
    assertThat(control.hasCredentials()).isFalse();
    assertThat(control.localDatacenter()).isEqualTo("dc1");
  }

  @Test
  void should_not_verify_the_control_cluster_hostname_when_disabled_for_every_cluster() {
    ClusterEndpoint control = config(SOURCE, TARGET, "--control-cluster", "ctl1", "--control-tls", "true",
        "--disable-hostname-verification").controlEndpoint();

    assertThat(control.tls()).isTrue();
    assertThat(control.verifyHostname()).isFalse();
  }

  @Test
  void should_read_a_third_control_cluster_from_the_config_file(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("proxy.conf"), String.join("\n",
        "tandem.proxy.control { contact-points = [\"ctl1:9043\"], username = ops, password = s3cret }", ""));

    ClusterEndpoint control = config(SOURCE, TARGET, "--config", file.toString()).controlEndpoint();

    assertThat(control.contactPoints()).extracting(InetSocketAddress::getPort).containsExactly(9043);
    assertThat(control.username()).isEqualTo("ops");
    assertThat(control.password()).isEqualTo("s3cret");
  }

  @Test
  void should_read_the_control_section_of_the_config_file_and_let_flags_win(@TempDir Path directory)
      throws IOException {
    Path file = Files.writeString(directory.resolve("proxy.conf"), String.join("\n",
        "tandem.control { migration-id = orders-2026, keyspace = ops_control, stale-after = 30 seconds }", ""));

    ControlConfig fromFile = config(SOURCE, TARGET, "--config", file.toString()).control();
    ControlConfig flagWins = config(SOURCE, TARGET, "--config", file.toString(), "--migration", "users-2026")
        .control();

    assertThat(fromFile.migrationId()).isEqualTo("orders-2026");
    assertThat(fromFile.keyspace()).isEqualTo("ops_control");
    assertThat(fromFile.staleAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(flagWins.migrationId()).isEqualTo("users-2026");
    assertThat(flagWins.keyspace()).isEqualTo("ops_control");
  }

  @Test
  void should_name_a_bad_migration_id_in_the_config_file(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("proxy.conf"), "tandem.control.migration-id = \"a b\"\n");

    assertThatThrownBy(() -> config(SOURCE, TARGET, "--config", file.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tandem.control.migration-id")
        .hasMessageContaining("'a b' is not valid");
  }

  @Test
  void should_name_the_missing_cluster() {
    Result result = run(SOURCE);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString().contains("target", "TARGET");
  }

  @Test
  void should_reject_a_wrong_keystore_password_and_a_keystore_without_a_key() throws Exception {
    Path keystore = keystoreWithKey("correct");
    Path empty = emptyStore("changeit");

    Result wrongPassword =
        run(SOURCE, TARGET, "--proxy-jks-file", keystore.toString(), "--proxy-jks-password", "wrong");
    Result noKey = run(SOURCE, TARGET, "--proxy-jks-file", empty.toString());

    assertThat(wrongPassword.exitCode()).isEqualTo(2);
    assertThat(wrongPassword.err().lines()).singleElement().asString().contains("--proxy-jks-file", "password");
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.err().lines()).singleElement().asString().contains("no private key");
  }

  @Test
  void should_reject_bad_values_and_unknown_keys_in_the_config_file(@TempDir Path directory) throws IOException {
    Path badValue = Files.writeString(directory.resolve("bad.conf"), "tandem.proxy.port = many\n");
    Path typo = Files.writeString(directory.resolve("typo.conf"), "tandem.proxy.prot = 1\n");
    Path broken = Files.writeString(directory.resolve("broken.conf"), "tandem.proxy { port = \n");
    Path badMirror = Files.writeString(directory.resolve("mirror.conf"), "tandem.mirror.mode = SOMETIMES\n");

    assertThat(run(SOURCE, TARGET, "--config", badValue.toString()).err()).contains("tandem.proxy.port");
    assertThat(run(SOURCE, TARGET, "--config", typo.toString()).err()).contains("unknown setting tandem.proxy.prot");
    Result syntax = run(SOURCE, TARGET, "--config", broken.toString());
    assertThat(syntax.exitCode()).isEqualTo(2);
    assertThat(syntax.err().lines()).singleElement().asString().contains("--config");
    Result mirror = run(SOURCE, TARGET, "--config", badMirror.toString());
    assertThat(mirror.exitCode()).isEqualTo(2);
    assertThat(mirror.err()).contains("tandem.mirror.mode");
  }

  @Test
  void should_throw_from_to_config_rather_than_exit() {
    assertThatThrownBy(() -> config(SOURCE, TARGET, "--source-password", "p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--source-username");
  }

  @Test
  void should_exit_with_1_and_one_line_when_the_proxy_cannot_start() {
    // nothing listens on port 1; the proxy's start connects to both clusters, so it fails
    Result result = run("127.0.0.1", "127.0.0.1", "--source-port", "1", "--target-port", "1", "--disable-source-tls",
        "--disable-target-tls", "--proxy-address", "127.0.0.1", "--proxy-port", "0", "--metrics", "false",
        "--request-timeout", "2s");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines()).singleElement().asString().startsWith("tandem-proxy: could not start the proxy");
  }

  private static Arguments bad(List<String> flags, String... expected) {
    List<String> arguments = new ArrayList<>(List.of(SOURCE, TARGET));
    arguments.addAll(flags);
    return Arguments.of(arguments, List.of(expected));
  }

  /** Runs {@code test} with system properties set (name, value, name, value...), then removes them. */
  private static void withSystemProperties(Runnable test, String... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      System.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    ConfigFactory.invalidateCaches();
    try {
      test.run();
    } finally {
      for (int i = 0; i < namesAndValues.length; i += 2) {
        System.clearProperty(namesAndValues[i]);
      }
      ConfigFactory.invalidateCaches();
    }
  }

  private static TandemProxyCli parse(String... arguments) {
    CommandLine commandLine = TandemProxyCli.commandLine();
    commandLine.parseArgs(arguments);
    return commandLine.getCommand();
  }

  private static ProxyConfig config(String... arguments) {
    return parse(arguments).toConfig();
  }

  private static Result run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = TandemProxyCli.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(arguments);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private record Result(int exitCode, String out, String err) {}

  private Path keystoreWithKey(String password) throws Exception {
    Path keystore = work.resolve("proxy-" + password + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "proxy", "-keyalg", "EC",
        "-dname", "CN=tandem-proxy", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", password, "-keypass", password, "-noprompt")
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
    return keystore;
  }

  private Path emptyStore(String password) throws Exception {
    Path file = work.resolve("store-" + password + ".p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }
}
