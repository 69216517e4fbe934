package io.tandem.core.api.classify;

/**
 * What {@link StatementClassifier} found in a query text.
 *
 * @param type how the statement is routed
 * @param lightweightTransaction an {@code IF} condition ({@code IF NOT EXISTS}, {@code IF EXISTS}, {@code IF
 *     col = …}) in the statement or any batch child
 * @param batch a {@code BEGIN … BATCH … APPLY BATCH} text
 * @param usingTimestamp the text sets its own {@code USING TIMESTAMP}, so no timestamp may be injected
 * @param nonIdempotent the write must not be retried or replayed: a counter update ({@code c = c + 1}) or a
 *     list append/prepend ({@code l = l + [...]}, {@code l = [...] + l}) — repeating it changes the result
 * @param nonDeterministicFunctions the text calls {@code now()}, {@code uuid()}, {@code currentTimestamp()}
 *     or a sibling, whose value would differ between the two clusters unless rewritten to a literal
 * @param keyspace the keyspace named in the text (qualified table, or {@code USE} target), or {@code null}
 * @param table the table named in the text, or {@code null} (batches, DDL on keyspaces, unparseable text)
 * @param systemKeyspace the keyspace is one of Cassandra's own ({@code system}, {@code system_schema},
 *     {@code system_auth}, {@code system_distributed}, {@code system_traces}, {@code system_views},
 *     {@code system_virtual_schema})
 * @param parsed whether the text was understood; unparseable text is classified as a {@link StatementType#WRITE}
 *     so that it is mirrored, never silently dropped
 */
public record Classification(
    StatementType type,
    boolean lightweightTransaction,
    boolean batch,
    boolean usingTimestamp,
    boolean nonIdempotent,
    boolean nonDeterministicFunctions,
    String keyspace,
    String table,
    boolean systemKeyspace,
    boolean parsed) {

  /** Whether the statement only reads ({@link StatementType#READ}). */
  public boolean isRead() {
    return type == StatementType.READ;
  }

  /**
   * Whether the statement is a {@link StatementType#WRITE}: it changes data (or could not be parsed) and so
   * concerns both clusters. Schema changes are {@link StatementType#DDL}, not writes.
   */
  public boolean isWrite() {
    return type == StatementType.WRITE;
  }
}
