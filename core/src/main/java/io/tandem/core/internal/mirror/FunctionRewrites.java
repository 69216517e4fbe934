package io.tandem.core.internal.mirror;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.internal.classify.FunctionMarkers;
import io.tandem.core.internal.classify.FunctionMarkers.Outcome;
import io.tandem.core.internal.classify.NonDeterministicFunctionRewriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives {@code now()}, {@code uuid()} and the like one value for both clusters: literals in queries without
 * values, extra bind markers with generated values in queries with values (the markers of a text are worked
 * out once and cached). A text whose calls cannot be rewritten is mirrored as it is, with a WARN once per
 * text. Counts both in {@code tandem.mirror.function_rewrites}. Thread-safe.
 */
public final class FunctionRewrites {

  private static final Logger LOG = LoggerFactory.getLogger(FunctionRewrites.class);

  private record Key(String query, boolean named) {}

  private final NonDeterministicFunctionRewriter rewriter = new NonDeterministicFunctionRewriter();
  private final Cache<Key, FunctionMarkers> markers;
  private final Counter rewritten;
  private final Counter notRewritable;

  /** @param cacheSize most texts whose markers are kept */
  public FunctionRewrites(MeterRegistry registry, int cacheSize) {
    this.markers = Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build();
    this.rewritten = counter(registry, "rewritten");
    this.notRewritable = counter(registry, "not_rewritable");
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("tandem.mirror.function_rewrites").tag("outcome", outcome)
        .description("Queries whose now(), uuid() and similar calls got one value for both clusters, or could not")
        .register(registry);
  }

  /** {@code query} with one value for its calls, or {@code query} itself when it has none or must stay. */
  BoundQuery rewrite(BoundQuery query, long timestampMicros) {
    if (!query.hasValues()) {
      String text = rewriter.rewrite(query.query(), timestampMicros);
      if (text.equals(query.query())) {
        return query;
      }
      rewritten.increment();
      return BoundQuery.of(text);
    }
    boolean named = !query.namedValues().isEmpty();
    FunctionMarkers found = markers.get(new Key(query.query(), named), key -> markersOf(key.query(), key.named()));
    if (found.outcome() == Outcome.NOT_REWRITABLE) {
      notRewritable.increment();
      return query;
    }
    BoundQuery bound = rewriter.bind(found, query, timestampMicros);
    if (bound != query) {
      rewritten.increment();
    }
    return bound;
  }

  /** The text the engine runs for a prepared statement of {@code query} (positional values), markers included. */
  public String preparedText(String query) {
    return markers.get(new Key(query, false), key -> markersOf(key.query(), key.named())).query();
  }

  /** The markers of a text, the first time it is seen: the place to say, once, that it stays as it is. */
  private static FunctionMarkers markersOf(String query, boolean named) {
    FunctionMarkers found = FunctionMarkers.of(query, named);
    if (found.outcome() == Outcome.NOT_REWRITABLE) {
      LOG.warn("'{}' is mirrored with its now(), uuid() or similar calls as they are, so each cluster computes its "
          + "own value: {}. Bind the value from the application to keep both clusters the same.", query,
          found.reason());
    }
    return found;
  }

  /** Queries given one value for their calls since this was created. */
  public long rewrittenCount() {
    return (long) rewritten.count();
  }

  /** Queries whose calls had to stay as they are since this was created. */
  public long notRewritableCount() {
    return (long) notRewritable.count();
  }
}
