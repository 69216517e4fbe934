package io.tandem.proxy.internal.admin;

import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.StepRequest;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /migration}: the followed migration's status, and its steps through the same coordinator as {@code
 * tandem migrate}; and the refusal of the per-process {@code /admin/*} changes while a migration is followed.
 */
final class MigrationRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final Set<String> BOOLEANS = Set.of("true", "false");

  private final FollowedMigration followed;

  /** @param followed the migration this proxy follows, or {@code null} for none */
  MigrationRoutes(FollowedMigration followed) {
    this.followed = followed;
  }

  AdminResponse status() {
    if (followed == null) {
      return notFollowing();
    }
    try {
      return AdminResponse.jsonOf(200,
          MigrationJson.status(followed.coordinator().status(followed.id()), followed.follower()));
    } catch (MigrationException e) {
      Map<String, Object> body = MigrationJson.error(e);
      body.put("proxy", MigrationJson.self(followed.follower()));
      return AdminResponse.jsonOf(statusOf(e.reason()), body);
    }
  }

  AdminResponse advance(RequestParameters parameters, String caller) {
    return step("advanced", parameters, caller, (id, request) -> followed.coordinator().advance(id, request));
  }

  AdminResponse rollback(RequestParameters parameters, String caller) {
    return step("rolled back", parameters, caller, (id, request) -> followed.coordinator().rollback(id, request));
  }

  /**
   * Runs a per-process state change, or answers 409 when the state belongs to a followed migration (a local
   * change would be overwritten at the next poll, and differ from every other instance meanwhile).
   */
  AdminResponse localChange(String path, String caller, AdminResponse.Action change) {
    if (followed == null) {
      return change.run();
    }
    LOG.warn("{} asked for POST {} through the admin endpoint: refused, this proxy follows migration {}", caller,
        path, followed.id());
    return AdminResponse.text(409, "this proxy follows migration " + followed.id() + ": change it with `tandem "
        + "migrate advance " + followed.id() + "` or POST /migration/advance");
  }

  private AdminResponse step(String verb, RequestParameters parameters, String caller,
      BiFunction<String, StepRequest, MigrationRecord> action) {
    if (followed == null) {
      return notFollowing();
    }
    StepRequest request = request(parameters, caller);
    try {
      MigrationRecord moved = action.apply(followed.id(), request);
      LOG.warn("{} {} migration {} to {} (version {}) through the admin endpoint{}: {}", request.who(), verb,
          moved.id(), moved.phase(), moved.version(), request.force() ? ", gates overridden" : "", request.reason());
      return AdminResponse.jsonOf(200, MigrationJson.record(moved));
    } catch (MigrationException e) {
      LOG.warn("{} could not have migration {} {} through the admin endpoint: {}", request.who(), followed.id(),
          verb, e.getMessage());
      return AdminResponse.jsonOf(statusOf(e.reason()), MigrationJson.error(e));
    }
  }

  /** {@code to}, {@code reason}, {@code force}, {@code who} (default: the caller's address). */
  private static StepRequest request(RequestParameters parameters, String caller) {
    String to = parameters.optional("to");
    String force = parameters.optional("force");
    if (force != null && !BOOLEANS.contains(force.toLowerCase(java.util.Locale.ROOT))) {
      throw new BadRequestException("force=" + force + " is not allowed: use force=true (with reason=...) or "
          + "force=false");
    }
    String who = parameters.optional("who");
    try {
      return new StepRequest(to == null ? null : Phase.parse(to), who == null ? "admin endpoint " + caller : who,
          parameters.optional("reason"), Boolean.parseBoolean(force));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage().replace("--force needs --reason", "force=true needs reason"));
    }
  }

  /** The HTTP status of each reason; the body says the rest. */
  static int statusOf(MigrationException.Reason reason) {
    return switch (reason) {
      case GATES_REFUSED, CONCURRENT_CHANGE, ALREADY_EXISTS -> 409;
      case INVALID_STEP -> 400;
      case UNKNOWN_MIGRATION -> 404;
      case STORE_UNAVAILABLE -> 503;
      case MALFORMED_STATE -> 500;
    };
  }

  private static AdminResponse notFollowing() {
    return AdminResponse.text(404, "this proxy follows no migration: start it with --migration ID "
        + "(or use tandem migrate status ID)");
  }
}
