package io.tandem.testkit.internal;

import io.tandem.testkit.CassandraVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a node of one version runs with: the {@code java} launcher, the server's classpath and the JVM flags.
 * Resolved once per cluster before any node starts, so a missing JDK or jar fails before a JVM is forked.
 */
public record CassandraRuntime(CassandraVersion version, Path java, List<Path> classpath, List<String> jvmFlags) {

  public CassandraRuntime {
    classpath = List.copyOf(classpath);
    jvmFlags = List.copyOf(jvmFlags);
  }

  /**
   * Resolves the runtime of {@code version}.
   *
   * @param javaHome the Java home asked for, or null for the version's default ({@link JavaHomes})
   * @throws IllegalStateException naming what to install or set when the JDK or a server jar is missing
   */
  public static CassandraRuntime resolve(CassandraVersion version, Path javaHome) {
    Path home = JavaHomes.resolve(version, javaHome, Map.copyOf(System.getenv()));
    List<Path> classpath = CassandraClasspath.resolve(version);
    return new CassandraRuntime(
        version, JavaHomes.launcher(home), classpath, CassandraJvmFlags.of(version, classpath));
  }
}
