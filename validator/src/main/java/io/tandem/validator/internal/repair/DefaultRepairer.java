package io.tandem.validator.internal.repair;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.tandem.validator.api.repair.RepairAction;
import io.tandem.validator.api.repair.RepairReport;
import io.tandem.validator.api.repair.Repairer;
import io.tandem.validator.internal.repair.RepairCandidates.Candidate;
import io.tandem.validator.internal.scan.RowKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs candidates one row at a time: re-read the row on both sides (so only the current state counts,
 * not the one the validation saw), plan with {@link RowRepairPlanner}, then write unless it is a dry run.
 */
public final class DefaultRepairer implements Repairer {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultRepairer.class);

  private final CqlSession source;
  private final CqlSession target;
  private final List<Candidate> candidates;
  private final RepairSettings settings;
  private final Map<String, TableRepairContext> tables = new HashMap<>();
  private final Map<String, RepairMetrics> metrics = new HashMap<>();

  public DefaultRepairer(CqlSession source, CqlSession target, List<Candidate> candidates, RepairSettings settings) {
    this.source = source;
    this.target = target;
    this.candidates = List.copyOf(candidates);
    this.settings = settings;
  }

  @Override
  public RepairReport run() {
    long started = System.nanoTime();
    List<RepairAction> actions = new ArrayList<>();
    for (Candidate candidate : candidates) {
      TableRepairContext table = tables.computeIfAbsent(candidate.table(),
          name -> TableRepairContext.create(source, target, name, settings));
      RowRepairPlanner.Plan plan = planFor(table, candidate);
      metrics.computeIfAbsent(candidate.table(), name -> new RepairMetrics(settings.meterRegistry(), name))
          .planned(plan.actions());
      plan.actions().forEach(this::announce);
      actions.addAll(plan.actions());
      if (!settings.dryRun()) {
        execute(plan.statements());
      }
    }
    RepairReport report = new RepairReport(actions, settings.dryRun(), Duration.ofNanos(System.nanoTime() - started));
    LOG.info("Repair{}: {} candidates, {}", settings.dryRun() ? " (dry run)" : "", candidates.size(), report.counts());
    return report;
  }

  private RowRepairPlanner.Plan planFor(TableRepairContext table, Candidate candidate) {
    RowKey key = table.literals().parseKey(table.schema(), candidate.token(), candidate.key());
    CompletableFuture<Optional<Row>> sourceRow = table.sourceRows().read(key).toCompletableFuture();
    CompletableFuture<Optional<Row>> targetRow = table.targetRows().read(key).toCompletableFuture();
    return new RowRepairPlanner(table, settings.deleteTargetOnlyRows(), settings.clock())
        .plan(key, candidate.key(), sourceRow.join(), targetRow.join());
  }

  private void execute(List<Statement<?>> statements) {
    for (Statement<?> statement : statements) {
      target.execute(statement.setConsistencyLevel(settings.consistency()).setTimeout(settings.requestTimeout()));
    }
  }

  private void announce(RepairAction action) {
    if (settings.planOutput() != null) {
      settings.planOutput().println((settings.dryRun() ? "[dry run] " : "") + action.describe());
    }
  }
}
