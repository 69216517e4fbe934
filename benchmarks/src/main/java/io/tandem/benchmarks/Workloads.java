package io.tandem.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.time.TimestampGenerator;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The requests the scenarios repeat. Every request picks a random key; writes store the same value of
 * the configured size.
 */
public final class Workloads {

  private final int readRows;
  private final int writeKeys;
  private final String value;

  /**
   * @param readRows reads pick a key in {@code 0 .. readRows-1} (all pre-loaded)
   * @param writeKeys writes pick a key in {@code 0 .. writeKeys-1}
   * @param value the text every write stores
   */
  public Workloads(int readRows, int writeKeys, String value) {
    this.readRows = readRows;
    this.writeKeys = writeKeys;
    this.value = value;
  }

  public int writeKeys() {
    return writeKeys;
  }

  public String value() {
    return value;
  }

  /** A text of {@code length} letters, the same on every run. */
  public static String valueOfLength(int length) {
    StringBuilder text = new StringBuilder(length);
    Random random = new Random(42);
    for (int index = 0; index < length; index++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  /** Reads one pre-loaded row through {@code session}. */
  public Operation reads(CqlSession session, PreparedStatement select) {
    return () -> session.executeAsync(select.bind(randomKey(readRows)));
  }

  /** Writes one row through {@code session}. */
  public Operation writes(CqlSession session, PreparedStatement insert) {
    return () -> session.executeAsync(insert.bind(randomKey(writeKeys), value));
  }

  /**
   * Writes one new row with {@code INSERT … IF NOT EXISTS} through {@code session}: keys count up from {@code
   * firstKey}, so every LWT applies (give each contender its own range).
   */
  public Operation newRowsIfNotExists(CqlSession session, PreparedStatement insertIfNotExists, int firstKey) {
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(firstKey);
    return () -> session.executeAsync(insertIfNotExists.bind(next.getAndIncrement(), value));
  }

  /**
   * What an application would write by hand to reach both clusters: the same row, with one client-side
   * timestamp, sent to both at once; answered when both answered.
   */
  public Operation writesToBoth(CqlSession source, PreparedStatement sourceInsert, CqlSession target,
      PreparedStatement targetInsert) {
    TimestampGenerator timestamps = source.getContext().getTimestampGenerator();
    return () -> {
      int key = randomKey(writeKeys);
      long timestamp = timestamps.next();
      CompletableFuture<?> first =
          source.executeAsync(sourceInsert.bind(key, value).setQueryTimestamp(timestamp)).toCompletableFuture();
      CompletableFuture<?> second =
          target.executeAsync(targetInsert.bind(key, value).setQueryTimestamp(timestamp)).toCompletableFuture();
      return CompletableFuture.allOf(first, second);
    };
  }

  private static int randomKey(int bound) {
    return ThreadLocalRandom.current().nextInt(bound);
  }
}
