package io.tandem.core.internal.control;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryExecutionException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns the driver's failures into {@link MigrationException}s with {@link Reason#STORE_UNAVAILABLE} that say which
 * store failed, what was being done and what to do about it.
 */
final class StoreErrors {

  private final String where;

  StoreErrors(String where) {
    this.where = where;
  }

  /** {@code host:port,.../keyspace} for messages; never fails, even on a session without metadata. */
  static String where(CqlSession session, String keyspace) {
    try {
      String hosts = session.getMetadata().getNodes().values().stream().limit(3).map(Node::getEndPoint)
          .map(Object::toString).collect(Collectors.joining(","));
      return (hosts.isEmpty() ? "(no known node)" : hosts) + "/" + keyspace;
    } catch (RuntimeException unknown) {
      return "(unknown hosts)/" + keyspace;
    }
  }

  /** Runs {@code work}, turning a driver failure into a {@link MigrationException}. */
  <T> T call(String action, Supplier<T> work) {
    try {
      return work.get();
    } catch (DriverException failure) {
      throw translate(action, failure);
    }
  }

  void run(String action, Runnable work) {
    call(action, () -> {
      work.run();
      return null;
    });
  }

  MigrationException translate(String action, DriverException failure) {
    String cause = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (outcomeUnknown(failure)) {
      return new MigrationException(Reason.STORE_UNAVAILABLE, "The control store at " + where + " did not confirm "
          + action + " in time: " + cause + ". It may or may not have been applied; run status before trying again",
          failure);
    }
    if (unreachable(failure)) {
      return new MigrationException(Reason.STORE_UNAVAILABLE, "The control store at " + where
          + " cannot be reached while " + action + ": " + cause + ". Nothing was changed; check that the control "
          + "cluster is up and reachable from here, then try again", failure);
    }
    return new MigrationException(Reason.STORE_UNAVAILABLE, "The control store at " + where + " refused "
        + action + ": " + cause + ". Check that this login may create, read and write the control keyspace",
        failure);
  }

  /** Failures that say the cluster (or enough of its replicas) cannot be reached now. */
  static boolean unreachable(Throwable failure) {
    return failure instanceof AllNodesFailedException
        || failure instanceof DriverTimeoutException
        || failure instanceof QueryExecutionException
        || failure instanceof OverloadedException
        || failure instanceof ClosedConnectionException
        || failure instanceof HeartbeatException;
  }

  /** A lightweight transaction whose commit was not confirmed: it may have won. */
  private static boolean outcomeUnknown(Throwable failure) {
    return failure instanceof CASWriteUnknownException
        || failure instanceof WriteTimeoutException timeout && timeout.getWriteType() == WriteType.CAS;
  }
}
