package io.tandem.examples.copycli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a copy's {@code --checkpoint-dir} holds, read as a person would read it: one JSON file per table naming
 * the table, its status ({@code IN_PROGRESS} or {@code COMPLETE}) and the token ranges still to copy. The copy
 * rewrites a file atomically (temporary file, then rename), so a reader never sees half of one.
 */
final class CheckpointFolder {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One table's checkpoint.
   *
   * @param file the file
   * @param table {@code keyspace.table}
   * @param status {@code IN_PROGRESS} or {@code COMPLETE}
   * @param remainingRanges token ranges still to copy
   * @param firstRemaining the first of them, as {@code (start,end]}, or empty
   */
  record Checkpoint(Path file, String table, String status, int remainingRanges, String firstRemaining) {
    boolean complete() {
      return "COMPLETE".equals(status);
    }
  }

  private final Path directory;

  CheckpointFolder(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  /** Every file in the folder, sorted by name; empty when it does not exist yet. */
  List<Path> files() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  /** The checkpoint of {@code table} ({@code keyspace.table}), if the copy has written one. */
  Optional<Checkpoint> read(String table) throws IOException {
    for (Path file : files()) {
      if (!file.getFileName().toString().endsWith(".json")) {
        continue;
      }
      JsonNode content = JSON.readTree(file.toFile());
      if (table.equals(content.path("table").asText())) {
        JsonNode remaining = content.path("remaining");
        return Optional.of(new Checkpoint(file, table, content.path("status").asText(), remaining.size(),
            remaining.isEmpty() ? "" : remaining.get(0).asText()));
      }
    }
    return Optional.empty();
  }
}
