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
      rewrite |= mayCallFunctions(classification, query);
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
      BoundQuery rewritten = mayCallFunctions(classifier.classify(query.query()), query)
          ? rewrites.rewrite(query, timestampMicros)
          : query;
      changed |= rewritten != query;
      queries.add(rewritten);
    }
    return changed ? command.withQueries(queries) : command;
  }

  /**
   * Whether {@code query} calls {@code now()} or a sibling, or may: with values, text the classifier could not
   * parse is looked at too (once per text, cached), to say why it stays as it is. Every other write skips the
   * rewrite entirely: this runs for each write.
   */
  private static boolean mayCallFunctions(Classification classification, BoundQuery query) {
    return classification.nonDeterministicFunctions() || (query.hasValues() && !classification.parsed());
  }
}
