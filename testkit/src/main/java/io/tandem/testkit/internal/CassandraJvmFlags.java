package io.tandem.testkit.internal;

import io.tandem.testkit.CassandraVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM flags of a Cassandra node: the Java 17 flags Cassandra 5.0 needs (the union of {@code
 * conf/jvm17-server.options} of the 5.0 line, also accepted by Java 11), the system properties that make a
 * single test node start in seconds instead of a minute, and what a version needs on top.
 */
final class CassandraJvmFlags {

  /**
   * Without it Cassandra closes its standard output and error once started, and nothing it logs after startup
   * (a server error during a test) reaches the node's {@code out.log}.
   */
  static final String KEEP_LOGGING = "-Dcassandra-foreground=yes";

  private CassandraJvmFlags() {}

  /** Every flag of a node of {@code version} whose server classpath is {@code classpath}. */
  static List<String> of(CassandraVersion version, List<Path> classpath) {
    List<String> flags = new ArrayList<>(MODULE_FLAGS);
    flags.addAll(FAST_START_FLAGS);
    flags.add(KEEP_LOGGING);
    if (!version.isAtLeast(CassandraVersion.V5_0)) {
      flags.add("-javaagent:" + jammAgent(version, classpath));
    }
    return flags;
  }

  /**
   * Before 5.0, jamm measures objects through Unsafe unless it runs as an agent, and on Java 17 that fails on
   * hidden classes ("can't get field offset on a hidden class"): the server's own jamm jar becomes the agent.
   */
  private static Path jammAgent(CassandraVersion version, List<Path> classpath) {
    return classpath.stream()
        .flatMap(CassandraJvmFlags::jarsOf)
        .filter(jar -> jar.getFileName().toString().matches("jamm-[0-9.]+\\.jar"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(version + ": no jamm-*.jar on the server classpath "
            + classpath + "; a folder given with -Dtandem.testkit.cassandraLib." + version.series()
            + " must hold the jars of its lib folder"));
  }

  /** A classpath entry, or the jars of a {@code folder/*} entry. */
  private static Stream<Path> jarsOf(Path entry) {
    if (!entry.getFileName().toString().equals("*")) {
      return Stream.of(entry);
    }
    try (Stream<Path> files = Files.list(entry.getParent())) {
      return files.sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + entry.getParent(), e);
    }
  }

  static final List<String> MODULE_FLAGS =
      List.of(
          "-Djdk.attach.allowAttachSelf=true",
          "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
          "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED",
          "--add-opens", "java.base/java.io=ALL-UNNAMED",
          "--add-opens", "java.base/java.nio=ALL-UNNAMED",
          "--add-opens", "java.base/java.nio.file=ALL-UNNAMED",
          "--add-opens", "java.base/java.net=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens", "java.base/java.util=ALL-UNNAMED",
          "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "-Dio.netty.tryReflectionSetAccessible=true");

  static final List<String> FAST_START_FLAGS =
      List.of(
          "-Dcassandra.ring_delay_ms=100",
          "-Dcassandra.skip_wait_for_gossip_to_settle=0",
          "-Dcassandra.superuser_setup_delay_ms=0",
          "-Djava.net.preferIPv4Stack=true",
          "-XX:+UseG1GC");
}
