package io.tandem.validator.internal.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.validator.api.validate.Mismatch;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every mismatch of a run, IN_FLIGHT included, as JSON Lines: table, token, key (column to CQL literal), kind,
 * detection time, and per cell both values, writetimes, TTLs and what differs. Values are never truncated.
 * Thread-safe.
 */
public final class MismatchLedger implements Closeable {

  /** The file name inside the report directory. */
  public static final String FILE_NAME = "mismatches.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final BufferedWriter writer;

  private MismatchLedger(Path path, BufferedWriter writer) {
    this.path = path;
    this.writer = writer;
  }

  /** Creates (or empties) {@value #FILE_NAME} in {@code directory}. */
  public static MismatchLedger create(Path directory) {
    try {
      Files.createDirectories(directory);
      Path path = directory.resolve(FILE_NAME);
      return new MismatchLedger(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the mismatch ledger in " + directory, e);
    }
  }

  public Path path() {
    return path;
  }

  public synchronized void write(Mismatch mismatch) {
    try {
      writer.write(JSON.writeValueAsString(JsonForms.mismatch(mismatch)));
      writer.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to the mismatch ledger " + path, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the mismatch ledger " + path, e);
    }
  }
}
