package io.tandem.core.internal.classify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.core.api.classify.Classification;
import io.tandem.core.api.classify.StatementClassifier;
import io.tandem.core.api.classify.StatementType;
import java.util.Objects;

/**
 * Classifies CQL text with a hand-written tokenizer, so that string literals, quoted identifiers and
 * comments are never read as keywords. Thread-safe; results are cached per query text in a bounded cache.
 *
 * <p>SELECT, LIST and DESCRIBE are {@link StatementType#READ reads}; INSERT, UPDATE, DELETE, TRUNCATE and
 * batches are {@link StatementType#WRITE writes}; CREATE, ALTER, DROP, GRANT and REVOKE are {@link
 * StatementType#DDL}; USE is {@link StatementType#USE}. Text that is empty, holds several statements or
 * cannot be tokenized or recognized is a write with {@code parsed == false}, {@code nonIdempotent == true}
 * (nothing proves it safe to repeat) and every other flag {@code false}.
 *
 * <p>Flags are set only for what the text itself shows: {@code IF} conditions only in INSERT, UPDATE, DELETE
 * and batch children (not {@code CREATE … IF NOT EXISTS}); an update of a column from its own value
 * ({@code c = c + ?}, {@code l = [1] + l}, {@code c += 1}) is non-idempotent unless the operand is a set or
 * map literal, since text cannot tell a counter or list from a set or map.
 */
public final class DefaultStatementClassifier implements StatementClassifier {

  /** How many distinct query texts are cached by default. */
  public static final long DEFAULT_MAXIMUM_CACHE_SIZE = 10_000;

  private final Cache<String, Classification> cache;

  /** A classifier caching up to {@link #DEFAULT_MAXIMUM_CACHE_SIZE} query texts. */
  public DefaultStatementClassifier() {
    this(DEFAULT_MAXIMUM_CACHE_SIZE);
  }

  /** A classifier caching up to {@code maximumCacheSize} query texts; 0 disables caching. */
  public DefaultStatementClassifier(long maximumCacheSize) {
    if (maximumCacheSize < 0) {
      throw new IllegalArgumentException("maximumCacheSize must be >= 0, got " + maximumCacheSize);
    }
    this.cache = Caffeine.newBuilder().maximumSize(maximumCacheSize).build();
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code query} is {@code null}
   */
  @Override
  public Classification classify(String query) {
    Objects.requireNonNull(query, "query");
    return cache.get(query, StatementParser::parse);
  }

  @Override
  public String qualify(String query, String keyspace) {
    return KeyspaceQualifier.qualify(query, keyspace);
  }
}
