package io.tandem.validator.internal.write;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Prepared statements by CQL text, bounded (Caffeine, as everywhere in Tandem); the driver caches too. */
final class StatementCache {

  private final CqlSession session;
  private final Cache<String, PreparedStatement> statements;

  StatementCache(CqlSession session, int capacity) {
    this.session = session;
    this.statements = Caffeine.newBuilder().maximumSize(capacity).build();
  }

  PreparedStatement prepare(String cql) {
    return statements.get(cql, session::prepare);
  }
}
