package io.tandem.testkit.internal;

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

/**
 * The classpath of the forked Cassandra JVM: the jars of {@code cassandra-all} and its dependencies, found
 * in the local Maven repository from the artifact list that the {@code tandem-cassandra-server} build wrote.
 *
 * <p>The local repository is {@code -Dmaven.repo.local} when set, else {@code ~/.m2/repository}. A folder
 * of jars can replace the lookup entirely with {@code -Dtandem.testkit.cassandraLib=/path/to/lib}.
 */
public final class CassandraClasspath {

  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

  static final String ARTIFACT_LIST = "io/tandem/testkit/cassandra-classpath.txt";
  private static final String LIB_PROPERTY = "tandem.testkit.cassandraLib";

  private CassandraClasspath() {}

  /** Resolves the classpath entries, failing with instructions when a jar is missing. */
  public static List<Path> resolve() {
    String lib = System.getProperty(LIB_PROPERTY);
    if (lib != null && !lib.isBlank()) {
      return List.of(Paths.get(lib).toAbsolutePath().resolve("*"));
    }
    Path repository = localRepository();
    List<Path> jars = new ArrayList<>();
    for (String coordinates : readArtifactList()) {
      Path jar = repository.resolve(repositoryPath(coordinates));
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            "Cassandra jar " + jar + " is missing from the local Maven repository. Build the project once "
                + "with './mvnw install -DskipTests' (it downloads cassandra-all), or point -D"
                + LIB_PROPERTY + " at a folder of Cassandra jars.");
      }
      jars.add(jar);
    }
    return jars;
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

  private static List<String> readArtifactList() {
    InputStream stream = CassandraClasspath.class.getClassLoader().getResourceAsStream(ARTIFACT_LIST);
    if (stream == null) {
      throw new IllegalStateException(
          ARTIFACT_LIST + " is not on the classpath: add io.tandem:tandem-cassandra-server (with all its "
              + "dependencies excluded) next to tandem-testkit.");
    }
    List<String> coordinates = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        coordinatesOf(line).ifPresent(coordinates::add);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + ARTIFACT_LIST, e);
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
