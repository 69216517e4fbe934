package io.tandem.validator.internal.write;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prepared statements by CQL text, least recently used evicted beyond a bound (the driver caches too). */
final class StatementCache {

  private final CqlSession session;
  private final Map<String, PreparedStatement> statements;

  StatementCache(CqlSession session, int capacity) {
    this.session = session;
    this.statements = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
        return size() > capacity;
      }
    };
  }

  PreparedStatement prepare(String cql) {
    synchronized (statements) {
      PreparedStatement cached = statements.get(cql);
      if (cached != null) {
        return cached;
      }
    }
    PreparedStatement prepared = session.prepare(cql);
    synchronized (statements) {
      statements.put(cql, prepared);
    }
    return prepared;
  }
}
