package io.tandem.driver.internal.routing;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfig;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.tandem.core.api.mirror.WriteCommand;
import java.time.Duration;

/**
 * The request settings a write runs with on the primary, resolved as the driver resolves them: the
 * statement's own (a bound statement's include what it inherited from its prepare), else those of its
 * execution profile (the object, or a name the session knows), else those of the session's default profile.
 * Put on the {@link WriteCommand} so the copy and its replays run with them too, not with the other session's
 * defaults.
 */
final class RequestSettings {

  private RequestSettings() {}

  /**
   * Sets consistency, serial consistency, timeout and idempotence of {@code statement} on {@code builder}.
   *
   * @param context the context of the session that runs the statement as the primary
   */
  static WriteCommand.Builder apply(WriteCommand.Builder builder, Statement<?> statement, DriverContext context) {
    DriverExecutionProfile profile = profileOf(statement, context.getConfig());
    ConsistencyLevel consistency = statement.getConsistencyLevel();
    ConsistencyLevel serial = statement.getSerialConsistencyLevel();
    Duration timeout = statement.getTimeout();
    Boolean idempotent = statement.isIdempotent();
    return builder
        .withConsistency(consistency != null
            ? consistency : level(profile, DefaultDriverOption.REQUEST_CONSISTENCY))
        .withSerialConsistency(serial != null
            ? serial : level(profile, DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY))
        .withTimeout(timeout != null ? timeout : positive(profile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT)))
        .withIdempotent(idempotent != null
            ? idempotent : profile.getBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE));
  }

  /** An unknown profile name is not ours to reject: the primary's driver does, and the default is used here. */
  static DriverExecutionProfile profileOf(Statement<?> statement, DriverConfig config) {
    if (statement.getExecutionProfile() != null) {
      return statement.getExecutionProfile();
    }
    String name = statement.getExecutionProfileName();
    if (name != null && config.getProfiles().containsKey(name)) {
      return config.getProfile(name);
    }
    return config.getDefaultProfile();
  }

  /** The driver accepts only its own level names in a profile; it has checked them when the session started. */
  private static ConsistencyLevel level(DriverExecutionProfile profile, DefaultDriverOption option) {
    return DefaultConsistencyLevel.valueOf(profile.getString(option));
  }

  /** Zero means "no timeout" to the driver; a command holds only positive ones, so the copy keeps its session's. */
  private static Duration positive(Duration timeout) {
    return timeout == null || timeout.isZero() || timeout.isNegative() ? null : timeout;
  }
}
