package io.tandem.core.internal.classify;

import java.util.List;

/**
 * Writes a keyspace into a statement's text: for a cluster spoken to over protocol v4, which has no per-request
 * keyspace (Cassandra 3.11, ScyllaDB, Astra), a statement the application ran with one must name its table's
 * keyspace itself. The tables of a SELECT, INSERT, UPDATE, DELETE or of each batch child are qualified; names
 * already qualified are kept.
 */
public final class KeyspaceQualifier {

  private KeyspaceQualifier() {}

  /**
   * {@code query} with {@code keyspace} before each unqualified table it reads or writes.
   *
   * @return the qualified text; {@code query} itself when {@code keyspace} is null, every table is qualified,
   *     the text is neither a read nor a write, or it cannot be read (the cluster then reports what is wrong)
   */
  public static String qualify(String query, String keyspace) {
    if (keyspace == null) {
      return query;
    }
    List<QualifiedName> tables;
    try {
      tables = StatementParser.tables(query);
    } catch (CqlSyntaxException e) {
      return query;
    }
    StringBuilder qualified = new StringBuilder(query.length() + tables.size() * (keyspace.length() + 3));
    int copied = 0;
    for (QualifiedName table : tables) {
      if (table.keyspace() == null) {
        qualified.append(query, copied, table.offset()).append(quoted(keyspace)).append('.');
        copied = table.offset();
      }
    }
    return copied == 0 ? query : qualified.append(query, copied, query.length()).toString();
  }

  /** The keyspace as a CQL name: quoted, with inner quotes doubled, so any case and character is kept. */
  private static String quoted(String keyspace) {
    return '"' + keyspace.replace("\"", "\"\"") + '"';
  }
}
