package io.tandem.validator.internal.copy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.copy.CheckpointState.Status;
import io.tandem.validator.api.range.RangeListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a copy's remaining token ranges in one JSON file per table, rewritten atomically (temporary file, then
 * move) at most about once a second and when the run ends. A range's remainder always ends where the range does,
 * so remaining ranges are kept by their end token: progress shrinks one, a split replaces it by its pieces.
 */
public final class CopyCheckpoint implements RangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(CopyCheckpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final long WRITE_INTERVAL_NANOS = 1_000_000_000L;

  private final Path file;
  private final String table;
  private final TimestampStrategy strategy;
  private final long backdateTimestamp;
  private final TreeMap<BigInteger, TokenRange> remainingByEnd = new TreeMap<>();
  private long lastWriteNanos;

  public CopyCheckpoint(Path file, String table, TimestampStrategy strategy, long backdateTimestamp,
      List<TokenRange> ranges) {
    this.file = file;
    this.table = table;
    this.strategy = strategy;
    this.backdateTimestamp = backdateTimestamp;
    ranges.forEach(range -> remainingByEnd.put(range.end(), range));
  }

  /** The checkpoint file of {@code table} ({@code keyspace.table}) in {@code directory}. */
  public static Path fileFor(Path directory, String table) {
    return directory.resolve(table + ".copy-checkpoint.json");
  }

  public static Optional<CheckpointState> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), CheckpointState.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read copy checkpoint " + file + ": fix or delete it", e);
    }
  }

  @Override
  public void started(List<TokenRange> ranges, BigInteger totalTokens) {
    write(state());
  }

  @Override
  public void completedThrough(TokenRange range, BigInteger token, TokenRange remaining) {
    update(range, remaining == null ? List.of() : List.of(remaining));
  }

  @Override
  public void split(TokenRange range, List<TokenRange> pieces) {
    update(range, pieces);
  }

  @Override
  public void completed(TokenRange range) {
    update(range, List.of());
  }

  @Override
  public void finished() {
    write(state());
  }

  /** The state now, as the file would hold it. */
  public synchronized CheckpointState state() {
    List<String> remaining = remainingByEnd.values().stream().map(TokenRange::toString).toList();
    return new CheckpointState(table, strategy, backdateTimestamp,
        remaining.isEmpty() ? Status.COMPLETE : Status.IN_PROGRESS, remaining);
  }

  private void update(TokenRange range, List<TokenRange> replacements) {
    CheckpointState snapshot = null;
    synchronized (this) {
      TokenRange current = remainingByEnd.get(range.end());
      if (current != null && current.start().compareTo(range.start()) >= 0) {
        remainingByEnd.remove(range.end());
      }
      replacements.forEach(piece -> remainingByEnd.put(piece.end(), piece));
      long now = System.nanoTime();
      if (now - lastWriteNanos >= WRITE_INTERVAL_NANOS) {
        lastWriteNanos = now;
        snapshot = state();
      }
    }
    if (snapshot != null) {
      write(snapshot);
    }
  }

  private synchronized void write(CheckpointState state) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(temporary.toFile(), state);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("Could not write copy checkpoint {}: {}", file, e.toString());
    }
  }
}
