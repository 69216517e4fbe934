package io.tandem.core.internal.mirror;

import io.tandem.core.api.classify.Classification;
import io.tandem.core.api.classify.StatementClassifier;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.WriteTimestampGenerator;
import io.tandem.core.internal.classify.NonDeterministicFunctionRewriter;

/** Makes a write identical for both clusters: one timestamp, and literals instead of {@code now()}. */
final class WritePreparation {

  private static final NonDeterministicFunctionRewriter REWRITER = new NonDeterministicFunctionRewriter();

  private WritePreparation() {}

  static WriteCommand prepare(
      WriteCommand command,
      MirrorConfig config,
      StatementClassifier classifier,
      WriteTimestampGenerator timestamps) {
    boolean ownTimestamp = false;
    boolean rewrite = false;
    for (BoundQuery query : command.queries()) {
      Classification classification = classifier.classify(query.query());
      ownTimestamp |= classification.usingTimestamp();
      // Literals would make every prepared execution a new query text; only simple queries are rewritten.
      rewrite |= classification.nonDeterministicFunctions() && !query.hasValues();
    }
    WriteCommand prepared = command;
    if (config.injectTimestamps() && !command.hasTimestamp() && !ownTimestamp) {
      prepared = prepared.withTimestamp(timestamps.next());
    }
    if (rewrite && config.rewriteNonDeterministicFunctions()) {
      prepared = rewriteFunctions(prepared, prepared.hasTimestamp() ? prepared.timestamp() : timestamps.next());
    }
    return prepared;
  }

  private static WriteCommand rewriteFunctions(WriteCommand command, long timestampMicros) {
    WriteCommand.Builder builder =
        command.isBatch() ? WriteCommand.batch(command.batchType()) : null;
    BoundQuery first = null;
    for (BoundQuery query : command.queries()) {
      BoundQuery rewritten =
          query.hasValues() ? query : BoundQuery.of(REWRITER.rewrite(query.query(), timestampMicros));
      if (builder == null) {
        first = rewritten;
      } else {
        builder.addQuery(rewritten);
      }
    }
    if (builder == null) {
      builder = WriteCommand.builder(first);
    }
    return builder
        .withKeyspace(command.keyspace())
        .withTimestamp(command.timestamp())
        .withConsistency(command.consistency())
        .withIdempotent(command.idempotent())
        .withLogin(command.login())
        .withSerialConsistency(command.serialConsistency())
        .withTimeout(command.timeout())
        .build();
  }
}
