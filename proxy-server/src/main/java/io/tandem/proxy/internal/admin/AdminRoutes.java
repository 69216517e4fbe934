package io.tandem.proxy.internal.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.replay.ReplayReport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What each admin route does; {@link AdminServer} does the HTTP around it. */
final class AdminRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

  /**
   * How long {@code POST /admin/replay} waits for its run before answering 202: short, since requests are served
   * one at a time and health probes wait behind it.
   */
  static final int REPLAY_WAIT_SECONDS = 5;
  private static final Set<String> SIDES = Set.of("source", "target");
  private static final Set<String> BOOLEANS = Set.of("true", "false");
  private static final Set<String> MODES = Set.of("sync", "async", "off", "default");
  private static final String SIDE_USAGE = "use side=source or side=target";
  private static final String MODE_USAGE = "use mode=sync, mode=async or mode=off, with table=KEYSPACE[.TABLE] "
      + "for one keyspace or table (there mode=default removes its override)";

  private final PrometheusMeterRegistry registry;
  private final MigrationControl control;
  private final Supplier<Readiness> readiness;
  private final FailedWrites failedWrites;

  AdminRoutes(PrometheusMeterRegistry registry, MigrationControl control, Supplier<Readiness> readiness,
      FailedWrites failedWrites) {
    this.registry = registry;
    this.control = control;
    this.readiness = readiness;
    this.failedWrites = failedWrites;
  }

  AdminResponse metrics() {
    return new AdminResponse(200, AdminResponse.PROMETHEUS, registry.scrape());
  }

  AdminResponse liveness() {
    return json(200, Map.of("status", "UP"));
  }

  AdminResponse readiness() {
    Readiness current;
    try {
      current = readiness.get();
    } catch (RuntimeException e) {
      LOG.debug("Readiness check failed", e);
      current = Readiness.notReady(Map.of("error", String.valueOf(e.getMessage())));
    }
    if (current == null) {
      current = Readiness.notReady(Map.of("error", "no readiness reported yet"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", current.ready() ? "UP" : "DOWN");
    body.put("details", current.details());
    return json(current.ready() ? 200 : 503, body);
  }

  AdminResponse state() {
    return json(200, stateJson(control.state()));
  }

  AdminResponse readSide(RequestParameters parameters, String caller) {
    Side side = side(parameters);
    return changed(caller, "read side " + side, control.routeReadsTo(side));
  }

  AdminResponse primary(RequestParameters parameters, String caller) {
    Side side = side(parameters);
    return changed(caller, "primary " + side, control.makePrimary(side));
  }

  AdminResponse mirroring(RequestParameters parameters, String caller) {
    boolean enabled = parameters.oneOf("enabled", BOOLEANS, "use enabled=true or enabled=false").equals("true");
    return changed(caller, "mirroring " + (enabled ? "on" : "off"),
        enabled ? control.startMirroring() : control.stopMirroring());
  }

  AdminResponse mode(RequestParameters parameters, String caller) {
    String mode = parameters.oneOf("mode", MODES, MODE_USAGE);
    String table = parameters.optional("table");
    if (table == null) {
      if (mode.equals("default")) {
        throw new BadRequestException("mode=default needs table=KEYSPACE[.TABLE]: " + MODE_USAGE);
      }
      MirrorMode defaultMode = MirrorMode.valueOf(mode.toUpperCase(Locale.ROOT));
      return changed(caller, "default mirror mode " + defaultMode, control.setDefaultMode(defaultMode));
    }
    MirrorMode tableMode = mode.equals("default") ? null : MirrorMode.valueOf(mode.toUpperCase(Locale.ROOT));
    return changed(caller, "mirror mode of " + table + " " + (tableMode == null ? "back to the default" : tableMode),
        control.setMode(table, tableMode));
  }

  AdminResponse failedWrites() {
    return json(200, Map.of("pending", failedWrites.pending()));
  }

  AdminResponse replay(RequestParameters parameters, String caller) {
    LOG.warn("{} asked for a replay of the failed-write log through the admin endpoint ({} entries pending)", caller,
        failedWrites.pending());
    CompletableFuture<ReplayReport> run = failedWrites.replayNow().toCompletableFuture();
    try {
      return json(200, reportJson(run.get(REPLAY_WAIT_SECONDS, TimeUnit.SECONDS)));
    } catch (TimeoutException stillRunning) {
      return json(202, Map.of("status", "RUNNING", "pending", failedWrites.pending(), "message", "the replay goes on; "
          + "see GET /admin/failed-writes and the tandem_replay_* metrics"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return json(503, Map.of("status", "INTERRUPTED"));
    } catch (ExecutionException e) {
      LOG.warn("The replay asked through the admin endpoint failed", e.getCause());
      return json(500, Map.of("status", "FAILED", "message", String.valueOf(e.getCause())));
    }
  }

  private static Map<String, Object> reportJson(ReplayReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applied", report.applied());
    body.put("requeued", report.requeued());
    body.put("setAside", report.setAside());
    body.put("remaining", report.remaining());
    body.put("stoppedBy", report.stoppedBy());
    return body;
  }

  private AdminResponse changed(String caller, String change, MigrationState state) {
    LOG.warn("{} set the {} through the admin endpoint; migration state now {}", caller, change, state);
    return json(200, stateJson(state));
  }

  private static Side side(RequestParameters parameters) {
    return Side.valueOf(parameters.oneOf("side", SIDES, SIDE_USAGE).toUpperCase(Locale.ROOT));
  }

  private static Map<String, Object> stateJson(MigrationState state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("readSide", state.readSide());
    body.put("primary", state.primary());
    body.put("mirroring", state.mirroring());
    body.put("defaultMode", state.defaultMode());
    body.put("overrides", new TreeMap<>(state.overrides()));
    return body;
  }

  private static AdminResponse json(int status, Object body) {
    return AdminResponse.jsonOf(status, body);
  }
}
