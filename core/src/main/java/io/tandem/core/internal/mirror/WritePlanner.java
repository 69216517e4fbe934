package io.tandem.core.internal.mirror;

import io.tandem.core.api.classify.StatementClassifier;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.SchemaChangePolicy;
import io.tandem.core.api.mirror.WriteTimestampGenerator;
import java.util.regex.Pattern;

/**
 * Where the fate of a write is decided — the one place, for every front door: which route it takes (primary
 * only, schema change, SYNC, ASYNC) from the migration state, its table's mode, the schema-change policy and the
 * primary-only statement pattern; and, for a mirrored data write, the command both clusters get (one timestamp,
 * one value for {@code now()} and the like).
 */
public final class WritePlanner {

  private final MirrorConfig config;
  private final StatementClassifier classifier;
  private final WriteTimestampGenerator timestamps;
  private final Pattern primaryOnlyStatements;
  private final FunctionRewrites rewrites;

  public WritePlanner(MirrorConfig config, StatementClassifier classifier, WriteTimestampGenerator timestamps,
      FunctionRewrites rewrites) {
    this.config = config;
    this.rewrites = rewrites;
    this.classifier = classifier;
    this.timestamps = timestamps;
    this.primaryOnlyStatements = config.primaryOnlyStatements();
  }

  WritePlan plan(WriteCommand command, MigrationState state) {
    WriteTraits traits = WriteTraits.of(command, classifier);
    WriteRoute route = route(state.modeFor(traits.keyspace(), traits.table()), traits.schemaChange(),
        isPrimaryOnlyStatement(command), config.schemaChanges());
    WriteCommand ready = command;
    if (route == WriteRoute.SYNC || route == WriteRoute.ASYNC) {
      ready = WritePreparation.prepare(command, config, classifier, timestamps, rewrites);
      if (ready != command) {
        traits = WriteTraits.of(ready, classifier); // a timestamp makes it retry-safe, literals replayable
      }
    }
    return new WritePlan(route, ready, traits, state.primary(), state.secondary());
  }

  /** The rules, as a table: see {@code WritePlannerTest}. */
  static WriteRoute route(
      MirrorMode tableMode, boolean schemaChange, boolean primaryOnlyStatement, SchemaChangePolicy schemaChanges) {
    if (primaryOnlyStatement || tableMode == MirrorMode.OFF) {
      return WriteRoute.PRIMARY_ONLY;
    }
    if (schemaChange) {
      return schemaChanges == SchemaChangePolicy.MIRROR ? WriteRoute.SCHEMA_CHANGE : WriteRoute.PRIMARY_ONLY;
    }
    return tableMode == MirrorMode.ASYNC ? WriteRoute.ASYNC : WriteRoute.SYNC;
  }

  /** Every statement of the write matches the primary-only pattern ({@code tandem.mirror.primary-only-statements}). */
  private boolean isPrimaryOnlyStatement(WriteCommand command) {
    return primaryOnlyStatements != null && command.queries().stream()
        .allMatch(query -> primaryOnlyStatements.matcher(query.query()).matches());
  }
}
