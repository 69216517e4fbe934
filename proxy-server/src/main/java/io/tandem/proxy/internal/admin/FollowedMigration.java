package io.tandem.proxy.internal.admin;

import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationFollower;
import java.util.Objects;

/**
 * The migration a proxy follows, as the admin endpoint reaches it: the follower says what this proxy applied,
 * the coordinator (over the same control store) shows and moves the migration.
 */
public record FollowedMigration(MigrationFollower follower, MigrationCoordinator coordinator) {

  public FollowedMigration {
    Objects.requireNonNull(follower, "follower");
    Objects.requireNonNull(coordinator, "coordinator");
  }

  public String id() {
    return follower.migrationId();
  }
}
