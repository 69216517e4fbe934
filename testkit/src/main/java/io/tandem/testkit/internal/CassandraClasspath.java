package io.tandem.testkit.internal;

import io.tandem.testkit.CassandraVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The classpath of a forked Cassandra JVM: the jars of {@code cassandra-all} and its dependencies, found in the
 * local Maven repository from the artifact list that the version's {@code tandem-cassandra-server*} build wrote
 * ({@code io/tandem/testkit/cassandra-classpath.txt} for 5.0, {@code cassandra-<line>-classpath.txt} for the
 * others).
 *
 * <p>The local repository is {@code -Dmaven.repo.local} when set, else {@code ~/.m2/repository}. A folder of
 * jars can replace the lookup entirely with {@code -Dtandem.testkit.cassandraLib.<line>=/path/to/lib} (for
 * 5.0 also {@code -Dtandem.testkit.cassandraLib}).
 */
public final class CassandraClasspath {

  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  private static final int MISSING_NAMED = 5;

  static final String ARTIFACT_LIST = "io/tandem/testkit/cassandra-classpath.txt";
  private static final String LIB_PROPERTY = "tandem.testkit.cassandraLib";

  private CassandraClasspath() {}

  /** Resolves the 5.0 classpath entries, failing with instructions when a jar is missing. */
  public static List<Path> resolve() {
    return resolve(CassandraVersion.V5_0);
  }

  /** Resolves the classpath entries of a version, failing with instructions when a jar is missing. */
  public static List<Path> resolve(CassandraVersion version) {
    String lib = System.getProperty(libProperty(version));
    if ((lib == null || lib.isBlank()) && version == CassandraVersion.V5_0) {
      lib = System.getProperty(LIB_PROPERTY);
    }
    if (lib != null && !lib.isBlank()) {
      Path folder = Paths.get(lib).toAbsolutePath();
      if (!Files.isDirectory(folder)) {
        throw new IllegalStateException(version + ": " + folder + " (-D" + libProperty(version)
            + ") is not a folder; point it at the lib folder of a Cassandra " + version.series() + " install.");
      }
      return List.of(folder.resolve("*"));
    }
    return resolve(version, localRepository(), CassandraClasspath.class.getClassLoader());
  }

  /** The jars of {@code version} in {@code repository}, after the artifact list {@code loader} finds. */
  static List<Path> resolve(CassandraVersion version, Path repository, ClassLoader loader) {
    List<Path> jars = new ArrayList<>();
    List<Path> missing = new ArrayList<>();
    for (String coordinates : readArtifactList(version, loader)) {
      Path jar = repository.resolve(repositoryPath(coordinates));
      (Files.isRegularFile(jar) ? jars : missing).add(jar);
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(missingJars(version, repository, missing));
    }
    return jars;
  }

  static String artifactList(CassandraVersion version) {
    return version == CassandraVersion.V5_0
        ? ARTIFACT_LIST
        : "io/tandem/testkit/cassandra-" + version.series() + "-classpath.txt";
  }

  static String serverModule(CassandraVersion version) {
    return version == CassandraVersion.V5_0 ? "cassandra-server" : "cassandra-server-" + version.series();
  }

  private static String libProperty(CassandraVersion version) {
    return LIB_PROPERTY + "." + version.series();
  }

  private static String missingJars(CassandraVersion version, Path repository, List<Path> missing) {
    String named = missing.stream().limit(MISSING_NAMED).map(jar -> jar.getFileName().toString())
        .collect(Collectors.joining(", "));
    String more = missing.size() > MISSING_NAMED ? " and " + (missing.size() - MISSING_NAMED) + " more" : "";
    return version + ": " + missing.size() + " server jar(s) missing from the local Maven repository "
        + repository + ": " + named + more + ". Build module " + serverModule(version) + " once online "
        + "(./mvnw -B -pl " + serverModule(version) + " -am package -DskipTests downloads cassandra-all "
        + version.release() + "), or point -D" + libProperty(version) + " at a folder of its jars.";
  }

  /** Maps {@code group:artifact:type[:classifier]:version} to its path inside a Maven repository. */
  static String repositoryPath(String coordinates) {
    String[] parts = coordinates.split(":");
    if (parts.length != 4 && parts.length != 5) {
      throw new IllegalArgumentException("Not Maven coordinates: '" + coordinates + "'");
    }
    String group = parts[0];
    String artifact = parts[1];
    String type = parts[2];
    String classifier = parts.length == 5 ? "-" + parts[3] : "";
    String version = parts[parts.length - 1];
    return group.replace('.', '/') + "/" + artifact + "/" + version + "/"
        + artifact + "-" + version + classifier + "." + type;
  }

  private static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    return Paths.get(System.getProperty("user.home"), ".m2", "repository");
  }

  private static List<String> readArtifactList(CassandraVersion version, ClassLoader loader) {
    String list = artifactList(version);
    InputStream stream = loader.getResourceAsStream(list);
    if (stream == null) {
      throw new IllegalStateException(version + ": " + list + " is not on the classpath: add io.tandem:tandem-"
          + serverModule(version) + " (with all its dependencies excluded) next to tandem-testkit.");
    }
    List<String> coordinates = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        coordinatesOf(line).ifPresent(coordinates::add);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + list, e);
    }
    return coordinates;
  }

  /**
   * The artifact coordinates on one line of the dependency plugin's list, if it holds some. A build run without
   * {@code -B} in a terminal writes the list with ANSI colour codes: they are dropped.
   */
  static Optional<String> coordinatesOf(String line) {
    String trimmed = ANSI_ESCAPE.matcher(line).replaceAll("").strip();
    int moduleSuffix = trimmed.indexOf(" -- ");
    if (moduleSuffix >= 0) {
      trimmed = trimmed.substring(0, moduleSuffix).strip();
    }
    boolean coordinates = !trimmed.isEmpty() && trimmed.indexOf(' ') < 0 && trimmed.contains(":");
    return coordinates ? Optional.of(trimmed) : Optional.empty();
  }
}
