package io.tandem.driver.api;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationFollower;
import java.util.Optional;

/**
 * A {@link CqlSession} over two clusters, for migrating an application without downtime: every write goes
 * to both (one write timestamp, so {@code WRITETIME} matches), reads go to the side the {@link #migration()
 * migration state} names, and a write the target missed is kept in the failed-write log and replayed.
 * Everything the driver offers — sync, async, reactive, prepared, batches, paging — goes through one
 * routing path.
 *
 * <p>The one-line change in an application:
 *
 * <pre>{@code
 * CqlSession session = DualWriteCqlSession.builder()
 *     .withSource(CqlSession.builder().addContactPoint(source).withLocalDatacenter("dc1"))
 *     .withTarget(CqlSession.builder().addContactPoint(target).withLocalDatacenter("dc1"))
 *     .build();
 * }</pre>
 *
 * <p>Cutover, live: {@code migration().routeReadsTo(Side.TARGET)}, then {@code
 * migration().makePrimary(Side.TARGET)}, then {@code migration().stopMirroring()}. Or, across every instance
 * and restarts, through the control plane: build with {@link DualWriteCqlSessionBuilder#withMigration(String)
 * withMigration(id)} and move the migration with {@code tandem migrate advance}; the session then follows the
 * stored phase, and local changes through {@link #migration()} are overridden at the next poll.
 *
 * <p>{@link #getMetadata()}, {@link #getContext()}, {@link #getKeyspace()} and {@link #getMetrics()} come
 * from the session that serves reads. Closing stops following the migration (deregistering), then closes both
 * sessions (after in-flight mirrored writes drain).
 */
public interface DualWriteCqlSession extends CqlSession {

  /** A builder; settings not given come from the {@code tandem} section of {@code application.conf}. */
  static DualWriteCqlSessionBuilder builder() {
    return new DualWriteCqlSessionBuilder();
  }

  /** The live migration controls: read side, primary, mirroring on/off, mirror modes. */
  MigrationControl migration();

  /**
   * The follower of the migration this session was built with ({@code withMigration(id)} or {@code
   * tandem.control.migration-id}), for health checks: applied version, stale or not, last contact; empty
   * without a migration id.
   */
  Optional<MigrationFollower> migrationFollower();

  /** The engine that mirrors the writes: failed-write log, breakers, replay. */
  MirrorEngine engine();

  /** The underlying session of one cluster (for checks and tooling; writes through it are not mirrored). */
  CqlSession session(Side side);

  /** What the sampled shadow reads found so far. */
  ShadowReadStatistics shadowReads();
}
