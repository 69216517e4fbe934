package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the history the target does not have yet straight into the source: three quarters sensor readings
 * (a reading every five minutes per sensor, going back in time), one quarter user profiles. At most 64
 * writes are in flight.
 */
final class HistoryLoader {

  private static final int IN_FLIGHT = 64;
  private static final int READINGS_PER_SENSOR = 500;

  /** What was written. */
  record History(int readings, int sensors, int profiles) {
    int rows() {
      return readings + profiles;
    }
  }

  private final CqlSession source;
  private final String keyspace;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  HistoryLoader(CqlSession source, String keyspace) {
    this.source = source;
    this.keyspace = keyspace;
  }

  /** The split of {@code rows} into readings and profiles, without writing anything. */
  static History plan(int rows) {
    int profiles = Math.max(1, rows / 4);
    int readings = rows - profiles;
    int sensors = Math.max(4, readings / READINGS_PER_SENSOR);
    return new History(readings, sensors, profiles);
  }

  /** Writes the planned rows and waits for every write. */
  History load(int rows) throws InterruptedException {
    History history = plan(rows);
    PreparedStatement insertReading = source.prepare(DemoSchema.insertReading(keyspace));
    Instant newest = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int index = 0; index < history.readings(); index++) {
      Instant time = newest.minus(Duration.ofMinutes(5L * (index / history.sensors())));
      write(DemoSchema.bindReading(insertReading, DemoSchema.sensorId(index % history.sensors()), time,
          Math.round(random.nextDouble(-5, 35) * 10) / 10.0));
    }
    PreparedStatement insertProfile = source.prepare(DemoSchema.insertProfile(keyspace));
    UserDefinedType address = DemoSchema.addressType(source, keyspace);
    for (int index = 0; index < history.profiles(); index++) {
      write(DemoSchema.bindProfile(insertProfile, address, DemoSchema.profileId(index), index));
    }
    inFlight.acquire(IN_FLIGHT);
    inFlight.release(IN_FLIGHT);
    if (failure.get() != null) {
      throw new IllegalStateException("Preloading the source failed: " + failure.get().getMessage(), failure.get());
    }
    return history;
  }

  private void write(BoundStatement statement) throws InterruptedException {
    inFlight.acquire();
    if (failure.get() != null) {
      inFlight.release();
      return;
    }
    source.executeAsync(statement).whenComplete((result, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
      inFlight.release();
    });
  }
}
