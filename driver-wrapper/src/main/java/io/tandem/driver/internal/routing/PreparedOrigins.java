package io.tandem.driver.internal.routing;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.core.api.Side;

/**
 * Which cluster prepared each {@link PreparedStatement} the application holds, and against which keyspace,
 * so a bound statement can be moved to the other cluster. Keys are held weakly and compared by identity,
 * like the driver's own prepare cache: a statement the application drops is forgotten.
 */
public final class PreparedOrigins {

  /** Where a prepared statement came from. {@code keyspace} is null when the query was fully qualified. */
  public record Origin(Side side, String keyspace) {}

  private final Cache<PreparedStatement, Origin> origins = Caffeine.newBuilder().weakKeys().build();

  public void remember(PreparedStatement statement, Side side, String keyspace) {
    origins.put(statement, new Origin(side, keyspace));
  }

  /**
   * The origin of a statement; one prepared outside this session (directly on the source session) is taken
   * as the source's, with the keyspace of its first bound column.
   */
  public Origin originOf(PreparedStatement statement) {
    Origin origin = origins.getIfPresent(statement);
    if (origin != null) {
      return origin;
    }
    String keyspace = statement.getVariableDefinitions().size() > 0
        ? statement.getVariableDefinitions().get(0).getKeyspace().asInternal()
        : null;
    return new Origin(Side.SOURCE, keyspace);
  }
}
