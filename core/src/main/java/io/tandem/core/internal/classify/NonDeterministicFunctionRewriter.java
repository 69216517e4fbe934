package io.tandem.core.internal.classify;

import io.tandem.core.internal.classify.NonDeterministicFunctions.Call;
import io.tandem.core.api.mirror.BoundQuery;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replaces calls to Cassandra's time- and randomness-dependent functions in a write's text by literals, so
 * that both clusters store the same values. Calls inside string literals, quoted identifiers and comments
 * are left alone, as are calls with arguments and user-defined functions of the same name in another
 * keyspace. Thread-safe.
 *
 * <table>
 *   <caption>Replacements</caption>
 *   <tr><th>call</th><th>replaced by</th></tr>
 *   <tr><td>{@code now()}, {@code currentTimeUUID()}</td>
 *       <td>one version-1 UUID for the whole text, whose timestamp is the write timestamp</td></tr>
 *   <tr><td>{@code uuid()}</td><td>a random UUID, a different one per call</td></tr>
 *   <tr><td>{@code currentTimestamp()}</td><td>the write timestamp in milliseconds since the epoch</td></tr>
 *   <tr><td>{@code currentDate()}</td><td>{@code 'yyyy-mm-dd'}, UTC</td></tr>
 *   <tr><td>{@code currentTime()}</td><td>{@code 'HH:mm:ss.nnnnnnnnn'}, UTC</td></tr>
 * </table>
 *
 * <p>Names match in any case, with or without a {@code system.} qualifier, including Cassandra 5's
 * {@code current_timeuuid()}-style aliases. Queries with bound values get markers instead of literals (one
 * text for every execution): see {@link #bind} and {@link FunctionMarkers}.
 */
public final class NonDeterministicFunctionRewriter {

  /** 100-nanosecond intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;
  private static final long MULTICAST_BIT = 0x0100_0000_0000L;
  private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS");

  private final long node;
  private final AtomicInteger clockSequence;

  /** A rewriter with a random node and clock sequence for the time-based UUIDs it creates. */
  public NonDeterministicFunctionRewriter() {
    SecureRandom random = new SecureRandom();
    // a random node must have the multicast bit set so it cannot collide with a real MAC address (RFC 4122)
    this.node = (random.nextLong() & 0xFFFF_FFFF_FFFFL) | MULTICAST_BIT;
    this.clockSequence = new AtomicInteger(random.nextInt());
  }

  /**
   * {@code query} with its non-deterministic function calls replaced by literals.
   *
   * @param timestampMicros the write timestamp, in microseconds since the epoch
   * @return the rewritten text, or {@code query} itself if it has no such call (or cannot be tokenized)
   */
  public String rewrite(String query, long timestampMicros) {
    List<CqlToken> tokens;
    try {
      tokens = CqlTokenizer.tokenize(query);
    } catch (CqlSyntaxException e) {
      return query;
    }
    StringBuilder rewritten = null;
    int copiedUpTo = 0;
    String timeUuid = null;
    for (Call call : NonDeterministicFunctions.find(tokens)) {
      int closing = call.openingParenthesis() + 1;
      if (closing >= tokens.size() || !tokens.get(closing).is(")")) {
        continue;
      }
      if (rewritten == null) {
        rewritten = new StringBuilder(query.length() + 64);
      }
      if (timeUuid == null && call.kind() == NonDeterministicFunctions.Kind.TIMEUUID) {
        timeUuid = timeUuid(timestampMicros).toString();
      }
      rewritten.append(query, copiedUpTo, tokens.get(call.firstToken()).start());
      rewritten.append(literal(call.kind(), timestampMicros, timeUuid));
      copiedUpTo = tokens.get(closing).end();
    }
    return rewritten == null ? query : rewritten.append(query, copiedUpTo, query.length()).toString();
  }

  /**
   * {@code query} with the values of {@code markers}' generated markers added: one time UUID for the whole
   * query (whose timestamp is the write timestamp), and the other values as {@link #rewrite} would write them.
   *
   * @param markers what {@link FunctionMarkers#of} made of {@code query}'s text
   * @return the query to execute, or {@code query} itself when there is nothing to add or its values do not fit
   */
  public BoundQuery bind(FunctionMarkers markers, BoundQuery query, long timestampMicros) {
    if (markers.outcome() != FunctionMarkers.Outcome.REWRITTEN) {
      return query;
    }
    List<ByteBuffer> values = new ArrayList<>(markers.markers().size());
    UUID timeUuid = null;
    for (FunctionMarkers.Marker marker : markers.markers()) {
      if (timeUuid == null && marker.kind() == NonDeterministicFunctions.Kind.TIMEUUID) {
        timeUuid = timeUuid(timestampMicros);
      }
      values.add(value(marker.kind(), timestampMicros, timeUuid));
    }
    return markers.bind(query, values);
  }

  /** A value serialized as the native protocol does for the function's CQL type. */
  private static ByteBuffer value(NonDeterministicFunctions.Kind kind, long timestampMicros, UUID timeUuid) {
    return switch (kind) {
      case TIMEUUID -> uuid(timeUuid);
      case UUID -> uuid(UUID.randomUUID());
      case TIMESTAMP -> ByteBuffer.allocate(Long.BYTES).putLong(0, Math.floorDiv(timestampMicros, 1_000L));
      // a date is the days since the epoch, unsigned, with the epoch at 2^31
      case DATE -> ByteBuffer.allocate(Integer.BYTES)
          .putInt(0, (int) utc(timestampMicros).toLocalDate().toEpochDay() + Integer.MIN_VALUE);
      case TIME -> ByteBuffer.allocate(Long.BYTES).putLong(0, utc(timestampMicros).toLocalTime().toNanoOfDay());
    };
  }

  private static ByteBuffer uuid(UUID uuid) {
    return ByteBuffer.allocate(16).putLong(0, uuid.getMostSignificantBits()).putLong(8, uuid.getLeastSignificantBits());
  }

  private static String literal(NonDeterministicFunctions.Kind kind, long timestampMicros, String timeUuid) {
    return switch (kind) {
      case TIMEUUID -> timeUuid;
      case UUID -> UUID.randomUUID().toString();
      case TIMESTAMP -> Long.toString(Math.floorDiv(timestampMicros, 1_000L));
      case DATE -> "'" + utc(timestampMicros).toLocalDate() + "'";
      case TIME -> "'" + TIME_FORMAT.format(utc(timestampMicros)) + "'";
    };
  }

  private static ZonedDateTime utc(long timestampMicros) {
    Instant instant = Instant.ofEpochSecond(
        Math.floorDiv(timestampMicros, 1_000_000L), Math.floorMod(timestampMicros, 1_000_000L) * 1_000L);
    return instant.atZone(ZoneOffset.UTC);
  }

  /**
   * A version-1 UUID whose timestamp is {@code timestampMicros}. Each call takes the next clock sequence, so
   * two writes with the same timestamp still get different UUIDs (for up to 16384 writes per microsecond).
   */
  private UUID timeUuid(long timestampMicros) {
    long time = timestampMicros * 10 + UUID_EPOCH_OFFSET;
    long mostSignificantBits = (time << 32)
        | ((time >>> 16) & 0xFFFF_0000L)
        | 0x1000L
        | ((time >>> 48) & 0x0FFFL);
    long variantAndClockSequence = 0x8000L | (clockSequence.getAndIncrement() & 0x3FFFL);
    return new UUID(mostSignificantBits, (variantAndClockSequence << 48) | node);
  }
}
