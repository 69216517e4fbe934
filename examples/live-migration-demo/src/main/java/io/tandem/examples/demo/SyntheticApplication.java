package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application being migrated: a few threads that keep recording sensor readings, updating and creating
 * user profiles, and reading both back, through one ordinary {@link CqlSession} (a dual-write session, or a
 * driver session connected to the proxy). Every exception is an application error; a profile the
 * application wrote (or that the history holds) and cannot read back is a missed read. Both are counted.
 */
final class SyntheticApplication {

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticApplication.class);
  private static final int LOGGED_PROBLEMS = 5;

  /** Figures at one moment. */
  record Figures(long writes, long reads, long errors, long missedReads) {
    long operations() {
      return writes + reads;
    }

    Figures minus(Figures earlier) {
      return new Figures(writes - earlier.writes, reads - earlier.reads, errors - earlier.errors,
          missedReads - earlier.missedReads);
    }

    String describe() {
      return String.format(Locale.ROOT, "%s operations (%s writes, %s reads), %d errors, %d missed reads",
          PhaseLog.count(operations()), PhaseLog.count(writes), PhaseLog.count(reads), errors, missedReads);
    }
  }

  private final CqlSession session;
  private final UserDefinedType addressType;
  private final PreparedStatement insertReading;
  private final PreparedStatement insertProfile;
  private final PreparedStatement updateProfile;
  private final PreparedStatement selectProfile;
  private final PreparedStatement selectReadings;
  private final int sensors;
  private final int historyProfiles;
  private final List<Long> createdProfiles = new ArrayList<>();
  private final AtomicLong nextProfile;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong missedReads = new AtomicLong();
  private final AtomicLong writesUnderway = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean writing = true;
  private volatile boolean running = true;

  private SyntheticApplication(CqlSession session, String keyspace, HistoryLoader.History history) {
    this.session = session;
    this.addressType = DemoSchema.addressType(session, keyspace);
    this.insertReading = session.prepare(DemoSchema.insertReading(keyspace));
    this.insertProfile = session.prepare(DemoSchema.insertProfile(keyspace));
    this.updateProfile = session.prepare(DemoSchema.updateProfile(keyspace));
    this.selectProfile = session.prepare(DemoSchema.selectProfile(keyspace));
    this.selectReadings = session.prepare(DemoSchema.selectLatestReadings(keyspace));
    this.sensors = history.sensors();
    this.historyProfiles = history.profiles();
    this.nextProfile = new AtomicLong(history.profiles());
  }

  /** Prepares the statements and starts {@code threadCount} threads. */
  static SyntheticApplication start(CqlSession session, String keyspace, HistoryLoader.History history,
      int threadCount) {
    SyntheticApplication application = new SyntheticApplication(session, keyspace, history);
    for (int index = 0; index < threadCount; index++) {
      Thread thread = new Thread(application::loop, "application-" + index);
      thread.setDaemon(true);
      application.threads.add(thread);
      thread.start();
    }
    return application;
  }

  private void loop() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running) {
      int choice = random.nextInt(100);
      boolean write = choice < 55 && beginWrite();
      if (choice < 55 && !write) {
        choice = 55 + random.nextInt(45);
      }
      try {
        if (choice < 35) {
          recordReading(random);
        } else if (choice < 50) {
          updateProfile(random);
        } else if (choice < 55) {
          createProfile();
        } else if (choice < 80) {
          readLatestReadings(random);
        } else {
          readProfile(random);
        }
      } catch (RuntimeException e) {
        if (errors.incrementAndGet() <= LOGGED_PROBLEMS) {
          LOG.error("Application error", e);
        }
      } finally {
        if (write) {
          writesUnderway.decrementAndGet();
        }
      }
      pause();
    }
  }

  /** Counted before the flag is read, so that {@link #stopWriting()} can wait for the last write to end. */
  private boolean beginWrite() {
    writesUnderway.incrementAndGet();
    if (writing) {
      return true;
    }
    writesUnderway.decrementAndGet();
    return false;
  }

  private void recordReading(ThreadLocalRandom random) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    session.execute(DemoSchema.bindReading(insertReading, DemoSchema.sensorId(random.nextInt(sensors)), now,
        Math.round(random.nextDouble(-5, 35) * 10) / 10.0));
    writes.incrementAndGet();
  }

  private void updateProfile(ThreadLocalRandom random) {
    long number = knownProfile(random);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    session.execute(updateProfile.bind("user" + number + "+" + random.nextInt(1000) + "@example.com",
        Set.of("active-" + random.nextInt(5)), Map.of("last_seen", now.toString()), now,
        DemoSchema.profileId(number)));
    writes.incrementAndGet();
  }

  private void createProfile() {
    long number = nextProfile.getAndIncrement();
    session.execute(DemoSchema.bindProfile(insertProfile, addressType, DemoSchema.profileId(number), number));
    writes.incrementAndGet();
    synchronized (createdProfiles) {
      createdProfiles.add(number);
    }
  }

  private void readLatestReadings(ThreadLocalRandom random) {
    session.execute(selectReadings.bind(DemoSchema.sensorId(random.nextInt(sensors)),
        DemoSchema.day(Instant.now()))).all();
    reads.incrementAndGet();
  }

  private void readProfile(ThreadLocalRandom random) {
    long number = knownProfile(random);
    UUID id = DemoSchema.profileId(number);
    boolean found = session.execute(selectProfile.bind(id)).one() != null;
    reads.incrementAndGet();
    if (!found && missedReads.incrementAndGet() <= LOGGED_PROBLEMS) {
      LOG.warn("Profile {} (number {}) exists but the read did not find it", id, number);
    }
  }

  /** A profile from the history, or one this application created. */
  private long knownProfile(ThreadLocalRandom random) {
    synchronized (createdProfiles) {
      int choice = random.nextInt(historyProfiles + createdProfiles.size());
      return choice < historyProfiles ? choice : createdProfiles.get(choice - historyProfiles);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops writing and returns once no write is underway; the threads keep reading until {@link #stop()}. */
  void stopWriting() throws InterruptedException {
    writing = false;
    while (writesUnderway.get() > 0) {
      Thread.sleep(5);
    }
  }

  /** Stops every thread and waits for them. */
  void stop() throws InterruptedException {
    writing = false;
    running = false;
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }

  Figures figures() {
    return new Figures(writes.get(), reads.get(), errors.get(), missedReads.get());
  }
}
