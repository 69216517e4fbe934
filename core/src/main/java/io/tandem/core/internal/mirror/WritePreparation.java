package io.tandem.core.internal.mirror;

import io.tandem.core.api.classify.Classification;
import io.tandem.core.api.classify.StatementClassifier;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.mirror.WriteTimestampGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a write identical for both clusters: one timestamp, and one value for {@code now()} and the like
 * (literals in queries without values, generated bound values in the others: see {@link FunctionRewrites}).
 */
final class WritePreparation {

  private WritePreparation() {}

  static WriteCommand prepare(
      WriteCommand command,
      MirrorConfig config,
      StatementClassifier classifier,
      WriteTimestampGenerator timestamps,
      FunctionRewrites rewrites) {
    boolean ownTimestamp = false;
    boolean rewrite = false;
    for (BoundQuery query : command.queries()) {
      Classification classification = classifier.classify(query.query());
      ownTimestamp |= classification.usingTimestamp();
      // with values, even text the classifier could not parse is looked at (once), to say why it stays
      rewrite |= classification.nonDeterministicFunctions() || query.hasValues();
    }
    WriteCommand prepared = command;
    if (config.injectTimestamps() && !command.hasTimestamp() && !ownTimestamp) {
      prepared = prepared.withTimestamp(timestamps.next());
    }
    if (rewrite && config.rewriteNonDeterministicFunctions()) {
      prepared = rewriteFunctions(
          prepared, prepared.hasTimestamp() ? prepared.timestamp() : timestamps.next(), classifier, rewrites);
    }
    return prepared;
  }

  private static WriteCommand rewriteFunctions(
      WriteCommand command, long timestampMicros, StatementClassifier classifier, FunctionRewrites rewrites) {
    List<BoundQuery> queries = new ArrayList<>(command.queries().size());
    boolean changed = false;
    for (BoundQuery query : command.queries()) {
      BoundQuery rewritten = query.hasValues() || classifier.classify(query.query()).nonDeterministicFunctions()
          ? rewrites.rewrite(query, timestampMicros)
          : query;
      changed |= rewritten != query;
      queries.add(rewritten);
    }
    return changed ? command.withQueries(queries) : command;
  }
}
