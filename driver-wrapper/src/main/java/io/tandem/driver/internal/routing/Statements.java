package io.tandem.driver.internal.routing;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small facts about driver statements that routing and translation both need. */
public final class Statements {

  private Statements() {}

  /** The CQL text of a simple or bound statement; a batch's first child's text. */
  public static String queryOf(Statement<?> statement) {
    if (statement instanceof SimpleStatement simple) {
      return simple.getQuery();
    }
    if (statement instanceof BoundStatement bound) {
      return bound.getPreparedStatement().getQuery();
    }
    if (statement instanceof BatchStatement batch && batch.size() > 0) {
      return queryOf(batch.iterator().next());
    }
    throw new IllegalArgumentException("Unsupported statement type " + statement.getClass().getName()
        + ": expected a SimpleStatement, BoundStatement or BatchStatement");
  }

  /** A batch's children, in order. */
  public static List<BatchableStatement<?>> children(BatchStatement batch) {
    List<BatchableStatement<?>> children = new ArrayList<>(batch.size());
    batch.forEach(children::add);
    return children;
  }

  /** The statement's own per-request keyspace (protocol v5), as an internal name, or null. */
  public static String keyspaceOf(Statement<?> statement) {
    CqlIdentifier keyspace = statement.getKeyspace();
    return keyspace == null ? null : keyspace.asInternal();
  }
}
