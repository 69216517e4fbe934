package io.tandem.core.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.StepRequest;
import io.tandem.core.api.control.ValidationSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two operators advancing the same migration at once: exactly one wins. */
class CoordinatorConcurrentAdvanceTest {

  @Test
  void should_let_exactly_one_of_two_concurrent_advances_win() throws Exception {
    Fleet fleet = new Fleet(new BothReadBeforeEitherWrites(new InMemoryControlStore())).created();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Object>> outcomes = new ArrayList<>();
      for (String who : List.of("alice", "bob")) {
        outcomes.add(threads.submit(() -> {
          start.await();
          try {
            return fleet.coordinator.advance(Fleet.ID, StepRequest.by(who, "go"));
          } catch (MigrationException e) {
            return e;
          }
        }));
      }
      start.countDown();

      List<Object> results = new ArrayList<>();
      for (Future<Object> outcome : outcomes) {
        results.add(outcome.get(10, TimeUnit.SECONDS));
      }

      assertThat(results).filteredOn(MigrationRecord.class::isInstance).hasSize(1);
      assertThat(results).filteredOn(MigrationException.class::isInstance).singleElement()
          .isInstanceOfSatisfying(MigrationException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONCURRENT_CHANGE);
            assertThat(e.getMessage()).contains("Someone else moved migration 'orders-2026'",
                "nothing was changed by this request", "tandem migrate status orders-2026");
          });
      assertThat(fleet.record().phase()).isEqualTo(Phase.DUAL_WRITE);
      assertThat(fleet.record().version()).isEqualTo(2);
      assertThat(fleet.store.history(Fleet.ID)).hasSize(2);
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Holds each {@code change} until two have been asked for, so both advances read the same version before
   * either writes: the race the version check exists for, made certain.
   */
  private static final class BothReadBeforeEitherWrites implements ControlStore {
    private final ControlStore delegate;
    private final CyclicBarrier bothChanging = new CyclicBarrier(2);

    BothReadBeforeEitherWrites(ControlStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void change(MigrationRecord current, MigrationRecord next, PhaseChange entry) {
      try {
        bothChanging.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the second advance never reached the store", e);
      }
      delegate.change(current, next, entry);
    }

    @Override public Optional<MigrationRecord> load(String id) { return delegate.load(id); }
    @Override public void create(MigrationRecord first, PhaseChange entry) { delegate.create(first, entry); }
    @Override public List<PhaseChange> history(String id) { return delegate.history(id); }
    @Override public void heartbeat(String id, InstanceReport report) { delegate.heartbeat(id, report); }
    @Override public void deregister(String id, String instanceId) { delegate.deregister(id, instanceId); }
    @Override public List<InstanceReport> instances(String id) { return delegate.instances(id); }
    @Override public void recordCopyProgress(String id, CopyProgress p) { delegate.recordCopyProgress(id, p); }
    @Override public List<CopyProgress> copyProgress(String id) { return delegate.copyProgress(id); }
    @Override public void recordValidation(String id, ValidationSummary s) { delegate.recordValidation(id, s); }
    @Override public List<ValidationSummary> validations(String id) { return delegate.validations(id); }
    @Override public void close() { delegate.close(); }
  }
}
