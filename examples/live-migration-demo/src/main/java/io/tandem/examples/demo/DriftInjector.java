package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Makes the target drift from the source, behind the mirror's back, in the three ways a repair can settle
 * without overruling last-write-wins:
 *
 * <ul>
 *   <li><b>lost on the target</b>: profiles and readings written to the source only, as if the target had
 *       missed those writes (found as {@code MISSING_IN_TARGET});
 *   <li><b>stale on the target</b>: history profiles renamed on the source only, so the target keeps the
 *       older name ({@code MISMATCH}); the application never changes names, so only the repair can fix them;
 *   <li><b>extra on the target</b>: profiles written straight to the target only ({@code MISSING_IN_SOURCE}),
 *       which the repair deletes.
 * </ul>
 *
 * <p>A row deleted on the target, or a target cell overwritten with a newer timestamp, is deliberately not
 * injected: the target's tombstone or cell is newer than anything the source holds, so no repair at the
 * source's writetimes can win over it, and the validator's repair reports such rows and leaves them alone.
 */
final class DriftInjector {

  /** How many rows of each kind were made to drift. */
  record Drift(int lostOnTarget, int staleOnTarget, int extraOnTarget) {
    int rows() {
      return lostOnTarget + staleOnTarget + extraOnTarget;
    }
  }

  private final CqlSession source;
  private final CqlSession target;
  private final String keyspace;

  DriftInjector(CqlSession source, CqlSession target, String keyspace) {
    this.source = source;
    this.target = target;
    this.keyspace = keyspace;
  }

  /** Injects {@code rowsPerKind} rows of each kind (lost rows: that many profiles and that many readings). */
  Drift inject(int rowsPerKind, HistoryLoader.History history) {
    PreparedStatement sourceProfile = source.prepare(DemoSchema.insertProfile(keyspace));
    UserDefinedType sourceAddress = DemoSchema.addressType(source, keyspace);
    PreparedStatement sourceReading = source.prepare(DemoSchema.insertReading(keyspace));
    Instant lostReadingTime = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(3));
    for (int index = 0; index < rowsPerKind; index++) {
      source.execute(DemoSchema.bindProfile(sourceProfile, sourceAddress,
          DemoSchema.nameBasedId("drift-lost-" + index), 900_000 + index));
      source.execute(DemoSchema.bindReading(sourceReading, DemoSchema.sensorId(index % history.sensors()),
          lostReadingTime.plusSeconds(index), 99.9));
    }

    PreparedStatement rename = source.prepare(
        "UPDATE " + keyspace + "." + DemoSchema.PROFILES + " SET name = ? WHERE user_id = ?");
    int stride = Math.max(1, history.profiles() / rowsPerKind);
    int stale = Math.min(rowsPerKind, history.profiles());
    for (int index = 0; index < stale; index++) {
      long number = (long) index * stride;
      source.execute(rename.bind("Renamed User " + number, DemoSchema.profileId(number)));
    }

    PreparedStatement targetProfile = target.prepare(DemoSchema.insertProfile(keyspace));
    UserDefinedType targetAddress = DemoSchema.addressType(target, keyspace);
    for (int index = 0; index < rowsPerKind; index++) {
      target.execute(DemoSchema.bindProfile(targetProfile, targetAddress,
          DemoSchema.nameBasedId("drift-extra-" + index), 800_000 + index));
    }
    return new Drift(2 * rowsPerKind, stale, rowsPerKind);
  }
}
