package io.tandem.proxy.internal.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.core.api.Side;
import io.tandem.core.api.classify.Classification;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The prepared statements of every client of one proxy, by the id clients use. Bounded (least recently used
 * statements are dropped first): a client executing a dropped id gets UNPREPARED and its driver simply
 * prepares again. Thread-safe.
 */
public final class PreparedStatements {

  private final Cache<ByteBuffer, PreparedStatement> byClientId;

  public PreparedStatements(int maximumSize) {
    // the cache's upkeep (recording reads for the LRU order, evicting) runs on the caller's thread, amortized:
    // left to the common pool, every few hundred EXECUTEs would wake one of its threads
    this.byClientId = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
  }

  /**
   * Records a statement a cluster just prepared. The id that cluster returned becomes the client's id,
   * unless the statement is already known under that id (then the known entry is kept and returned).
   */
  public PreparedStatement remember(byte[] id, Side preparedOn, String query, String keyspace,
      Classification classification) {
    return byClientId.get(ByteBuffer.wrap(id.clone()),
        key -> new PreparedStatement(id, preparedOn, query, keyspace, classification));
  }

  /**
   * Records a statement no client prepared: the text the engine rewrote (see {@link RewrittenStatements}), under an
   * id of the proxy's own; each cluster prepares it on first use.
   */
  PreparedStatement rememberRewritten(byte[] id, String query, String keyspace, Classification classification) {
    return byClientId.get(ByteBuffer.wrap(id.clone()),
        key -> new PreparedStatement(id, null, query, keyspace, classification));
  }

  public Optional<PreparedStatement> find(byte[] clientId) {
    return Optional.ofNullable(byClientId.getIfPresent(ByteBuffer.wrap(clientId)));
  }

  public long size() {
    return byClientId.estimatedSize();
  }
}
