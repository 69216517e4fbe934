package io.tandem.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Apache Cassandra lines the testkit starts, each at one release whose jars a {@code cassandra-server*}
 * module of this build resolves. The default of {@link EmbeddedCassandraCluster} is {@link #V5_0}.
 *
 * <p>3.11 runs on a JDK 11 (see {@link EmbeddedCassandraCluster.Builder#withJavaHome}); the others on the JDK 17
 * that runs the tests.
 */
public enum CassandraVersion {
  V3_11("3.11", "3.11.19", 11),
  V4_0("4.0", "4.0.19", 17),
  V4_1("4.1", "4.1.10", 17),
  V5_0("5.0", "5.0.9", 17);

  private final String series;
  private final String release;
  private final int javaVersion;

  CassandraVersion(String series, String release, int javaVersion) {
    this.series = series;
    this.release = release;
    this.javaVersion = javaVersion;
  }

  /**
   * The version a string names: a line ({@code "4.1"}, {@code "4.1.x"}) or its release ({@code "4.1.10"}).
   *
   * @throws IllegalArgumentException naming the versions the testkit knows
   */
  public static CassandraVersion parse(String text) {
    String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (CassandraVersion version : values()) {
      if (wanted.equals(version.series) || wanted.equals(version.series + ".x") || wanted.equals(version.release)
          || wanted.equals(version.name().toLowerCase(Locale.ROOT))) {
        return version;
      }
    }
    throw new IllegalArgumentException("Unknown Cassandra version '" + text + "': the testkit starts "
        + Arrays.stream(values()).map(v -> v.series + " (" + v.release + ")").collect(Collectors.joining(", "))
        + ". Use one of these lines or releases.");
  }

  /** The line, such as {@code "4.1"}. */
  public String series() {
    return series;
  }

  /** The release started, such as {@code "4.1.10"}. */
  public String release() {
    return release;
  }

  /** The Java feature release the server runs on: 11 for 3.11, 17 for the others. */
  public int javaVersion() {
    return javaVersion;
  }

  /** Whether this line is {@code other} or a newer one. */
  public boolean isAtLeast(CassandraVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public String toString() {
    return "Cassandra " + release;
  }
}
