package io.tandem.core.internal.control;

import static java.util.stream.Collectors.joining;

import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationStatus;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.StepRequest;
import io.tandem.core.api.mirror.MirrorMode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MigrationCoordinator}: reads the migration, asks {@link PhaseTransitions} where a step leads and
 * {@link PhaseGates} whether it may, then writes record and history entry in one change of the store.
 */
public final class DefaultMigrationCoordinator implements MigrationCoordinator {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultMigrationCoordinator.class);

  private final ControlStore store;
  private final ControlConfig config;
  private final Clock clock;

  public DefaultMigrationCoordinator(ControlStore store, ControlConfig config, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public MigrationRecord create(String id, MirrorMode defaultMode, Map<String, MirrorMode> overrides, String who) {
    ControlConfig.requireMigrationId(id);
    Instant now = clock.instant();
    MigrationRecord first = new MigrationRecord(id, Phase.SETUP, Objects.requireNonNull(defaultMode, "defaultMode"),
        lowerCase(overrides), 1, now, null);
    String author = new StepRequest(null, who, null, false).who();
    store.create(first, new PhaseChange(1, null, Phase.SETUP, author, now, "created", List.of(), false));
    LOG.debug("Migration '{}' created by {}", id, author);
    return first;
  }

  @Override
  public MigrationStatus status(String id) {
    MigrationRecord record = load(id);
    Phase next = record.phase().next();
    GateContext context = context(record);
    List<GateResult> gates = next == null ? List.of() : PhaseGates.check(next, context);
    return new MigrationStatus(record, context.instances(), next, gates);
  }

  @Override
  public MigrationRecord advance(String id, StepRequest request) {
    MigrationRecord current = load(id);
    Phase next = PhaseTransitions.forward(current, request);
    List<GateResult> gates = PhaseGates.check(next, context(current));
    List<GateResult> failed = gates.stream().filter(gate -> !gate.passed()).toList();
    if (!failed.isEmpty() && !request.force()) {
      throw new MigrationException(Reason.GATES_REFUSED, refusal(current, next, failed), gates, null);
    }
    if (!failed.isEmpty()) {
      LOG.warn("Migration '{}' forced from {} to {} by {} past {} ({})", id, current.phase(), next, request.who(),
          names(failed), request.reason());
    }
    return write(current, next, request, gates, !failed.isEmpty());
  }

  @Override
  public MigrationRecord rollback(String id, StepRequest request) {
    MigrationRecord current = load(id);
    Phase previous = PhaseTransitions.backward(current, request, store.history(id));
    boolean forced = PhaseTransitions.leavesTargetOnly(current.phase());
    if (forced) {
      LOG.warn("Migration '{}' forced back from {} to {} by {} ({})", id, current.phase(), previous, request.who(),
          request.reason());
    }
    return write(current, previous, request, List.of(), forced);
  }

  @Override
  public List<PhaseChange> history(String id) {
    load(id);
    return store.history(id);
  }

  @Override
  public List<InstanceStatus> instances(String id) {
    MigrationRecord record = load(id);
    return InstanceStatuses.of(store.instances(id), record, clock.instant(), config);
  }

  private MigrationRecord write(MigrationRecord current, Phase to, StepRequest request, List<GateResult> gates,
      boolean forced) {
    Instant now = clock.instant();
    MigrationRecord next = current.movedTo(to, now);
    PhaseChange entry = new PhaseChange(next.version(), current.phase(), to, request.who(), now, request.reason(),
        gates, forced);
    try {
      store.change(current, next, entry);
    } catch (MigrationException e) {
      if (e.reason() != Reason.CONCURRENT_CHANGE) {
        throw e;
      }
      throw new MigrationException(Reason.CONCURRENT_CHANGE, "Someone else moved migration '" + current.id()
          + "' while this step from " + current.phase() + " (version " + current.version() + ") was checked; "
          + "nothing was changed by this request: see where it stands with `tandem migrate status "
          + current.id() + "` and try again if the step is still wanted", e);
    }
    LOG.debug("Migration '{}' moved from {} to {} (version {}) by {}", current.id(), current.phase(), to,
        next.version(), request.who());
    return next;
  }

  private MigrationRecord load(String id) {
    return store.load(id).orElseThrow(() -> new MigrationException(Reason.UNKNOWN_MIGRATION, "No migration '" + id
        + "' in the control store; create it with `tandem migrate create " + id + "` or check the id"));
  }

  private GateContext context(MigrationRecord record) {
    Instant now = clock.instant();
    String id = record.id();
    return new GateContext(record, InstanceStatuses.of(store.instances(id), record, now, config),
        store.copyProgress(id), store.validations(id), config, now);
  }

  private static String refusal(MigrationRecord current, Phase next, List<GateResult> failed) {
    return "Migration '" + current.id() + "' stays in " + current.phase() + ": " + failed.size() + " gate(s) of the "
        + "step to " + next + " refused:\n" + failed.stream().map(gate -> "  " + gate).collect(joining("\n"))
        + "\nFix them and advance again, or override with --force --reason \"...\" (recorded in the history)";
  }

  private static String names(List<GateResult> gates) {
    return gates.stream().map(GateResult::gate).collect(joining(", "));
  }

  private static Map<String, MirrorMode> lowerCase(Map<String, MirrorMode> overrides) {
    Map<String, MirrorMode> lower = new LinkedHashMap<>();
    (overrides == null ? Map.<String, MirrorMode>of() : overrides)
        .forEach((key, mode) -> lower.put(key.toLowerCase(Locale.ROOT), mode));
    return lower;
  }
}
