package io.tandem.core.internal.replay;

import io.tandem.core.api.mirror.NoSessionForLoginException;
import io.tandem.core.api.replay.FailedWrite;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.api.replay.LoggedWrite;
import io.tandem.core.api.replay.ReplayReport;
import io.tandem.core.internal.log.NonReplayableWrites;
import io.tandem.core.internal.mirror.MirrorMetrics;
import io.tandem.core.internal.mirror.WriteErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the failed-write log: entries are executed again, with their original timestamps (so replaying
 * twice is harmless), a batch at a time, and acknowledged once applied. Runs are serialized on one thread.
 * A run stops at the first entry whose cluster is unreachable; an entry the cluster rejects as invalid, or whose
 * login has no session now ({@link NoSessionForLoginException}), is requeued at the end of the log and the run goes
 * on; non-replayable entries are set aside for a person.
 */
public final class FailedWriteReplayer {

  private static final Logger LOG = LoggerFactory.getLogger(FailedWriteReplayer.class);

  /** Executes one logged write on its cluster; completes exceptionally when it failed. */
  public interface Execution extends Function<FailedWrite, CompletionStage<?>> {}

  private final FailedWriteLog log;
  private final Execution execution;
  private final NonReplayableWrites setAside;
  private final MirrorMetrics metrics;
  private final int batchSize;
  private final ExecutorService thread;
  /** Entries the last run found waiting for their login's session: the same again is logged at DEBUG only. */
  private long lastWaitingForLogin;

  public FailedWriteReplayer(
      FailedWriteLog log,
      Execution execution,
      NonReplayableWrites setAside,
      MirrorMetrics metrics,
      int batchSize,
      ExecutorService thread) {
    this.log = log;
    this.execution = execution;
    this.setAside = setAside;
    this.metrics = metrics;
    this.batchSize = batchSize;
    this.thread = thread;
  }

  /** Starts a run (after any run in progress) and completes with its report. */
  public CompletableFuture<ReplayReport> replay() {
    return CompletableFuture.supplyAsync(this::run, thread);
  }

  private ReplayReport run() {
    long budget = log.pendingCount();
    long applied = 0;
    long requeued = 0;
    long setAsideCount = 0;
    long waitingForLogin = 0;
    String waitReason = null;
    String stoppedBy = null;
    while (budget > 0 && stoppedBy == null) {
      List<LoggedWrite> batch = log.readPending((int) Math.min(batchSize, budget));
      if (batch.isEmpty()) {
        break;
      }
      budget -= batch.size();
      List<CompletableFuture<Throwable>> results = new ArrayList<>();
      for (LoggedWrite entry : batch) {
        results.add(start(entry.write()));
      }
      LoggedWrite lastDone = null;
      for (int index = 0; index < batch.size(); index++) {
        LoggedWrite entry = batch.get(index);
        Throwable error = results.get(index).join();
        if (error == NOT_REPLAYABLE) {
          setAside.add(entry.write());
          setAsideCount++;
        } else if (error == null) {
          applied++;
          metrics.replayApplied();
        } else if (error instanceof NoSessionForLoginException) {
          log.append(entry.write());
          requeued++;
          waitingForLogin++;
          waitReason = waitReason == null ? error.getMessage() : waitReason;
          LOG.debug("Replay: no session for the login of a logged write ({}); requeued it", error.getMessage());
        } else if (WriteErrors.isRequestError(error)) {
          metrics.replayFailed();
          log.append(entry.write());
          requeued++;
          LOG.warn("Replay: {} rejected a logged write ({}); requeued it. Fix the cause (schema?) and it will "
              + "be applied. Query: {}", entry.write().side(), error.getMessage(),
              entry.write().command().queries().get(0).query());
        } else {
          metrics.replayFailed();
          stoppedBy = entry.write().side() + " unreachable: " + error;
          break;
        }
        lastDone = entry;
      }
      if (lastDone != null) {
        log.acknowledge(lastDone);
      }
    }
    ReplayReport report = new ReplayReport(applied, requeued, setAsideCount, log.pendingCount(), stoppedBy);
    boolean onlyTheSameWaiting = applied == 0 && setAsideCount == 0 && requeued == waitingForLogin
        && waitingForLogin == lastWaitingForLogin;
    lastWaitingForLogin = waitingForLogin;
    if (waitingForLogin > 0 && onlyTheSameWaiting) {
      LOG.debug("Replay of failed writes: {}; the same {} entries still wait for a session of their login: {}",
          report, waitingForLogin, waitReason);
    } else if (waitingForLogin > 0) {
      LOG.warn("Replay of failed writes: {}; {} of the requeued wait for a session of their login, e.g.: {}", report,
          waitingForLogin, waitReason);
    } else if (applied + requeued + setAsideCount > 0) {
      LOG.warn("Replay of failed writes: {}", report);
    } else if (stoppedBy != null) {
      LOG.debug("Replay of failed writes could not start: {}", report);
    }
    return report;
  }

  private static final Throwable NOT_REPLAYABLE = new Throwable("not replayable", null, false, false) {};

  private CompletableFuture<Throwable> start(FailedWrite write) {
    if (!write.replayable()) {
      return CompletableFuture.completedFuture(NOT_REPLAYABLE);
    }
    CompletionStage<?> stage;
    try {
      stage = execution.apply(write);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(e);
    }
    return stage.toCompletableFuture().handle((ignored, error) -> error == null ? null : WriteErrors.unwrap(error));
  }
}
