package io.tandem.testkit.internal;

import io.tandem.testkit.CassandraVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The JDK a Cassandra node runs on. 4.0, 4.1 and 5.0 run on this JVM's own Java home unless told otherwise. 3.11
 * runs on a JDK 11: {@code -Dtandem.testkit.java11}, else the environment variable {@code TANDEM_JAVA11_HOME},
 * else {@value #DEBIAN_JAVA11} (where {@code .ci/install-java11} puts it).
 */
public final class JavaHomes {

  static final String DEBIAN_JAVA11 = "/usr/lib/jvm/java-11-openjdk-amd64";
  static final String JAVA11_PROPERTY = "tandem.testkit.java11";
  static final String JAVA11_ENVIRONMENT = "TANDEM_JAVA11_HOME";

  /** The Java feature releases each line starts on (3.11 fails on 17: it removed what 3.11 reflects on). */
  private static final Map<CassandraVersion, Set<Integer>> SUPPORTED =
      Map.of(
          CassandraVersion.V3_11, Set.of(8, 11),
          CassandraVersion.V4_0, Set.of(11, 17),
          CassandraVersion.V4_1, Set.of(11, 17),
          CassandraVersion.V5_0, Set.of(11, 17));

  private JavaHomes() {}

  /**
   * The Java home for {@code version}: {@code chosen} when not null, else the default above.
   *
   * @throws IllegalStateException naming the JDK to install or the setting to change
   */
  public static Path resolve(CassandraVersion version, Path chosen, Map<String, String> environment) {
    if (chosen != null) {
      return requireUsable(version, chosen.toAbsolutePath(), "withJavaHome(" + chosen + ")");
    }
    if (version.javaVersion() != 11) {
      return Path.of(System.getProperty("java.home"));
    }
    String configured = System.getProperty(JAVA11_PROPERTY, environment.get(JAVA11_ENVIRONMENT));
    Path home = Path.of(configured == null || configured.isBlank() ? DEBIAN_JAVA11 : configured);
    return requireUsable(version, home, null);
  }

  /** The {@code java} launcher in {@code home}. */
  public static Path launcher(Path home) {
    return home.resolve("bin").resolve("java");
  }

  /** The Java feature release of a Java home, from its {@code release} file, if it has one. */
  static OptionalInt featureOf(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return OptionalInt.empty();
    }
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String value = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          String[] parts = value.split("[._+-]");
          int feature = Integer.parseInt(parts[0]);
          return OptionalInt.of(feature == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : feature);
        }
      }
      return OptionalInt.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + release, e);
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static Path requireUsable(CassandraVersion version, Path home, String chosenBy) {
    if (!Files.isExecutable(launcher(home))) {
      throw new IllegalStateException(version.javaVersion() == 11 && chosenBy == null
          ? missingJava11(version, home)
          : version + " cannot start: no Java at " + home + " (" + launcher(home) + " is missing), set by "
              + chosenBy + ". Point it at a JDK " + version.javaVersion() + " home.");
    }
    OptionalInt feature = featureOf(home);
    if (feature.isPresent() && !SUPPORTED.get(version).contains(feature.getAsInt())) {
      throw new IllegalStateException(version + " does not run on Java " + feature.getAsInt() + " (" + home
          + (chosenBy == null ? "" : ", set by " + chosenBy) + "): it needs a JDK " + SUPPORTED.get(version)
          + ". " + (version.javaVersion() == 11 ? howToGetJava11() : "Point it at a JDK 17 home."));
    }
    return home;
  }

  private static String missingJava11(CassandraVersion version, Path home) {
    return "Cassandra " + version.series() + " needs a JDK 11: none at " + home + ". " + howToGetJava11();
  }

  private static String howToGetJava11() {
    return "Run .ci/install-java11 (.ci/run does; it installs Debian's openjdk-11-jdk-headless), or set -D"
        + JAVA11_PROPERTY + "=/path/to/jdk11 (or the environment variable " + JAVA11_ENVIRONMENT + ").";
  }
}
