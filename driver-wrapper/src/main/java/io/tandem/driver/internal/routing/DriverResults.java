package io.tandem.driver.internal.routing;

import com.datastax.dse.driver.internal.core.cql.reactive.CqlRequestReactiveProcessor;
import com.datastax.dse.driver.internal.core.cql.reactive.DefaultReactiveResultSet;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PrepareRequest;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import com.datastax.oss.driver.internal.core.cql.ResultSets;
import com.datastax.oss.driver.internal.core.util.concurrent.BlockingOperation;
import com.datastax.oss.driver.internal.core.util.concurrent.CompletableFutures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Turns an asynchronous result into the shape the caller asked for — sync, async or reactive — exactly as
 * the driver's own request processors do. The only place that touches driver internals, so a driver
 * upgrade has one class to check.
 */
final class DriverResults {

  private DriverResults() {}

  static boolean isPrepare(GenericType<?> type) {
    return PrepareRequest.SYNC.equals(type) || PrepareRequest.ASYNC.equals(type);
  }

  /** Result types of CQL statements this session routes; anything else goes to the read side as is. */
  static boolean isStatementResult(GenericType<?> type) {
    return Statement.SYNC.equals(type) || Statement.ASYNC.equals(type)
        || CqlRequestReactiveProcessor.REACTIVE_RESULT_SET.equals(type);
  }

  static boolean isSync(GenericType<?> type) {
    return Statement.SYNC.equals(type) || PrepareRequest.SYNC.equals(type);
  }

  /**
   * The result of {@code call} in the caller's shape. Reactive results run {@code call} only when
   * subscribed to, like the driver's.
   */
  @SuppressWarnings("unchecked")
  static <T> T adapt(GenericType<T> type, Supplier<CompletionStage<AsyncResultSet>> call) {
    if (Statement.ASYNC.equals(type)) {
      return (T) safely(call);
    }
    if (Statement.SYNC.equals(type)) {
      return (T) ResultSets.newInstance(block(call.get()));
    }
    return (T) new DefaultReactiveResultSet(() -> safely(call));
  }

  /** An async caller gets a failed stage, not an exception, as from the driver. */
  private static CompletionStage<AsyncResultSet> safely(Supplier<CompletionStage<AsyncResultSet>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Waits on the caller's thread (never a driver I/O thread); rethrows the driver's own exception. */
  static <T> T block(CompletionStage<T> stage) {
    BlockingOperation.checkNotDriverThread();
    return CompletableFutures.getUninterruptibly(stage);
  }
}
