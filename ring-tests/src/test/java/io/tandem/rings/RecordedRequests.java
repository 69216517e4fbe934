package io.tandem.rings;

import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A request tracker that records every request a session completed, with the node that coordinated it. */
final class RecordedRequests implements RequestTracker {

  private final List<Completed> completed = new CopyOnWriteArrayList<>();

  /** One completed request: its CQL text, the request itself and its coordinator. */
  record Completed(String query, Request request, Node coordinator) {}

  @Override
  public void onSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node,
      String logPrefix) {
    completed.add(new Completed(queryOf(request), request, node));
  }

  /** The requests whose text starts with {@code prefix}, e.g. {@code "SELECT"} or {@code "INSERT INTO ring.t"}. */
  List<Completed> startingWith(String prefix) {
    return completed.stream().filter(each -> each.query().startsWith(prefix)).toList();
  }

  private static String queryOf(Request request) {
    if (request instanceof BoundStatement bound) {
      return bound.getPreparedStatement().getQuery().strip();
    }
    return request instanceof SimpleStatement simple ? simple.getQuery().strip() : request.toString();
  }

  @Override
  public void close() {}
}
