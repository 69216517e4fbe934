package io.tandem.proxy.internal.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.core.api.control.MigrationControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's HTTP endpoint for operators, on the JDK's {@code com.sun.net.httpserver}; requests are handled one
 * at a time on a daemon thread:
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format;
 *   <li>{@code GET /health/liveness}: 200 {@code {"status":"UP"}} while the process runs;
 *   <li>{@code GET /health/readiness}: 200 or 503 with {@code {"status":..., "details":{...}}};
 *   <li>{@code GET /admin/state}: the {@link io.tandem.core.api.control.MigrationState} as JSON;
 *   <li>{@code POST /admin/read-side?side=source|target}, {@code POST /admin/primary?side=source|target},
 *       {@code POST /admin/mirroring?enabled=true|false}, {@code POST
 *       /admin/mode?mode=sync|async|off[&table=ks[.table]]} (with a table, {@code mode=default} removes its
 *       override): change the state through {@link MigrationControl}, log the change and the caller at WARN,
 *       and answer the new state;
 *   <li>{@code GET /admin/failed-writes}: {@code {"pending": N}}, the entries of the failed-write log waiting to be
 *       replayed;
 *   <li>{@code POST /admin/replay}: replays the failed-write log now (say, after creating a table the target
 *       lacked) instead of at the next {@code replay.interval}; answers what the run did once it finished, or 202 if
 *       it takes over {@value AdminRoutes#REPLAY_WAIT_SECONDS} s (it goes on);
 *   <li>with a followed migration ({@code --migration ID}): {@code GET /migration}, its status (phase, version,
 *       next phase, gates, instances) and this proxy's applied version and stale flag; {@code POST
 *       /migration/advance} and {@code POST /migration/rollback} ({@code to}, {@code reason}, {@code force},
 *       {@code who}) move it through the same coordinator as {@code tandem migrate}. A refusal answers JSON with
 *       its reason: 409 gates refused (with every gate) or someone else moved it first, 400 a wrong step, 404 an
 *       unknown migration, 503 the control store out of reach. The four state-changing POSTs above then answer
 *       409: the migration, not this process, holds the state. Without a migration, {@code /migration*} answer
 *       404.
 * </ul>
 *
 * <p>Parameters come from the query string or a form body. A wrong parameter gets 400 with one line naming
 * the allowed values, an unknown path 404, a wrong method 405. The endpoint has no authentication: the proxy
 * binds it to {@code 127.0.0.1:28000} by default ({@code ProxyConfig.adminAddress()}).
 */
public final class AdminServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final int MAX_FORM_BYTES = 64 * 1024;

  private record Route(String method, BiFunction<RequestParameters, String, AdminResponse> action) {}

  private final InetSocketAddress bind;
  private final Map<String, Route> routes = new LinkedHashMap<>();
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param bind where to listen; port 0 picks a free port ({@link #address()} tells which)
   * @param registry the registry {@code /metrics} scrapes
   * @param control the migration state {@code /admin/*} reads and changes
   * @param readiness asked on every {@code /health/readiness}; a failure counts as not ready
   * @param failedWrites what {@code /admin/failed-writes} shows and {@code /admin/replay} replays
   */
  public AdminServer(InetSocketAddress bind, PrometheusMeterRegistry registry, MigrationControl control,
      Supplier<Readiness> readiness, FailedWrites failedWrites) {
    this(bind, registry, control, readiness, failedWrites, null);
  }

  /**
   * As above, for a proxy following a migration.
   *
   * @param followed the migration {@code /migration} shows and moves, or {@code null} when the proxy follows
   *     none; while it follows one, the state-changing {@code /admin/*} POSTs answer 409
   */
  public AdminServer(InetSocketAddress bind, PrometheusMeterRegistry registry, MigrationControl control,
      Supplier<Readiness> readiness, FailedWrites failedWrites, FollowedMigration followed) {
    this.bind = Objects.requireNonNull(bind, "bind");
    AdminRoutes actions = new AdminRoutes(Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(control, "control"), Objects.requireNonNull(readiness, "readiness"),
        Objects.requireNonNull(failedWrites, "failedWrites"));
    MigrationRoutes migration = new MigrationRoutes(followed);
    get("/metrics", actions::metrics);
    get("/health/liveness", actions::liveness);
    get("/health/readiness", actions::readiness);
    get("/admin/state", actions::state);
    localChange("/admin/read-side", actions::readSide, migration);
    localChange("/admin/primary", actions::primary, migration);
    localChange("/admin/mirroring", actions::mirroring, migration);
    localChange("/admin/mode", actions::mode, migration);
    get("/admin/failed-writes", actions::failedWrites);
    routes.put("/admin/replay", new Route("POST", actions::replay));
    get("/migration", migration::status);
    routes.put("/migration/advance", new Route("POST", migration::advance));
    routes.put("/migration/rollback", new Route("POST", migration::rollback));
  }

  /**
   * Binds and starts serving.
   *
   * @throws UncheckedIOException when the address cannot be bound (in use, not local)
   */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("the admin endpoint is already started on " + address());
    }
    try {
      server = HttpServer.create(bind, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics and admin on " + bind + ": " + e.getMessage()
          + " (choose another --metrics-port, or --metrics false)", e);
    }
    executor = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "tandem-admin");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    LOG.debug("Admin endpoint listening on {}", address());
  }

  /** The bound address, with the real port when port 0 was asked for. */
  public synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("the admin endpoint is not started");
    }
    return server.getAddress();
  }

  /** Stops at once; requests in progress are cut. Idempotent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  /** A POST changing this process's state: refused while a migration is followed. */
  private void localChange(String path, BiFunction<RequestParameters, String, AdminResponse> action,
      MigrationRoutes migration) {
    routes.put(path, new Route("POST", (parameters, caller) ->
        migration.localChange(path, caller, () -> action.apply(parameters, caller))));
  }

  private void get(String path, Supplier<AdminResponse> action) {
    routes.put(path, new Route("GET", (parameters, caller) -> action.get()));
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      AdminResponse response = respond(exchange);
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException e) {
      LOG.debug("Could not answer {} {} from {}", exchange.getRequestMethod(), exchange.getRequestURI(),
          exchange.getRemoteAddress(), e);
    }
  }

  private AdminResponse respond(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    Route route = routes.get(path);
    if (route == null) {
      return AdminResponse.text(404, "no such endpoint " + path + "; there are " + String.join(", ", routes.keySet()));
    }
    if (!route.method().equals(method)) {
      exchange.getResponseHeaders().set("Allow", route.method());
      return AdminResponse.text(405, method + " is not allowed on " + path + ": use " + route.method());
    }
    try {
      RequestParameters parameters = new RequestParameters(exchange.getRequestURI().getRawQuery(), form(exchange));
      return route.action().apply(parameters, String.valueOf(exchange.getRemoteAddress()));
    } catch (BadRequestException e) {
      return AdminResponse.text(400, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Admin endpoint failed on {} {}", method, exchange.getRequestURI(), e);
      return AdminResponse.text(500, "internal error: " + e);
    }
  }

  private static String form(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
      return null;
    }
    return new String(exchange.getRequestBody().readNBytes(MAX_FORM_BYTES), StandardCharsets.UTF_8);
  }
}
