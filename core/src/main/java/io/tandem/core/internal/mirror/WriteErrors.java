package io.tandem.core.internal.mirror;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import io.tandem.core.api.mirror.UncertainWriteOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Sorting write failures: is the cluster in trouble, or is the request itself wrong? */
public final class WriteErrors {

  private WriteErrors() {}

  /**
   * Errors that say the request is wrong (syntax, unknown keyspace or table, bad value): the cluster is
   * healthy, so they neither open a breaker nor deserve a retry.
   */
  public static boolean isRequestError(Throwable error) {
    Throwable cause = unwrap(error);
    return cause instanceof QueryValidationException
        || cause instanceof CodecNotFoundException
        || cause instanceof IllegalArgumentException;
  }

  /**
   * Whether a primary write that failed with {@code error} may still have been applied: the cluster reported a
   * write timeout or failure (some replicas may have it), or the request left and its answer was lost (a
   * client-side timeout, a closed connection, a front door's {@link UncertainWriteOutcome}). Refusals (invalid
   * request, unavailable, overloaded, nothing sent) were not applied.
   */
  public static boolean mayHaveBeenApplied(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof UncertainWriteOutcome uncertain) {
      return uncertain.mayHaveBeenApplied();
    }
    if (cause instanceof AllNodesFailedException allFailed) {
      return allFailed.getAllErrors().values().stream().flatMap(List::stream)
          .anyMatch(WriteErrors::mayHaveBeenApplied);
    }
    return cause instanceof WriteTimeoutException
        || cause instanceof WriteFailureException
        || cause instanceof DriverTimeoutException
        || cause instanceof ClosedConnectionException
        || cause instanceof HeartbeatException;
  }

  /**
   * The stage, except that "already exists" counts as success: a schema change replayed, or mirrored to a
   * cluster whose schema was made out of band, has nothing left to do.
   */
  public static CompletionStage<?> objectAlreadyThereIsDone(CompletionStage<?> stage) {
    return stage.handle((result, error) -> error == null || unwrap(error) instanceof AlreadyExistsException
            ? CompletableFuture.completedFuture(result)
            : CompletableFuture.failedFuture(error))
        .thenCompose(outcome -> outcome);
  }

  /** The cause behind the wrappers that futures add. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Exception class and message; driver messages carry no bound values. */
  public static String describe(Throwable error) {
    Throwable cause = unwrap(error);
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
