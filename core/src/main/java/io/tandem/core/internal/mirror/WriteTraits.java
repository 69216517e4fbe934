package io.tandem.core.internal.mirror;

import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import io.tandem.core.api.classify.Classification;
import io.tandem.core.api.classify.StatementClassifier;
import io.tandem.core.api.classify.StatementType;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;

/**
 * What the mirror needs to know about a write, derived from the classification of its queries.
 *
 * @param keyspace the keyspace of the first query that names one, else the command's keyspace
 * @param table the first query's table, or null
 * @param retrySafe repeating it cannot change the result: fixed timestamp, no LWT, no counter or list append
 * @param replayable it may be executed again later from the failed-write log (not a counter or list append)
 * @param ownTimestamp a query sets {@code USING TIMESTAMP} itself
 * @param schemaChange it changes the schema (DDL) rather than data
 */
record WriteTraits(
    String keyspace, String table, boolean retrySafe, boolean replayable, boolean ownTimestamp,
    boolean schemaChange) {

  static WriteTraits of(WriteCommand command, StatementClassifier classifier) {
    String keyspace = null;
    String table = null;
    boolean lightweightTransaction = false;
    boolean nonIdempotent = command.batchType() == DefaultBatchType.COUNTER;
    boolean ownTimestamp = false;
    boolean schemaChange = false;
    for (BoundQuery query : command.queries()) {
      Classification classification = classifier.classify(query.query());
      if (keyspace == null && classification.keyspace() != null) {
        keyspace = classification.keyspace();
        table = classification.table();
      } else if (table == null && keyspace == null) {
        table = classification.table();
      }
      lightweightTransaction |= classification.lightweightTransaction();
      nonIdempotent |= classification.nonIdempotent();
      ownTimestamp |= classification.usingTimestamp();
      schemaChange |= classification.type() == StatementType.DDL;
    }
    if (keyspace == null) {
      keyspace = command.keyspace();
    }
    boolean fixedTimestamp = command.hasTimestamp() || ownTimestamp;
    return new WriteTraits(
        keyspace, table, fixedTimestamp && !lightweightTransaction && !nonIdempotent, !nonIdempotent, ownTimestamp,
        schemaChange);
  }
}
