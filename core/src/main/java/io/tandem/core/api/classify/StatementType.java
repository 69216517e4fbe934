package io.tandem.core.api.classify;

/** What a CQL statement does, as far as routing is concerned. */
public enum StatementType {
  /** SELECT, and LIST / DESCRIBE: served by the read side only. */
  READ,
  /** INSERT, UPDATE, DELETE, BATCH, TRUNCATE, and anything unparseable: written to both clusters. */
  WRITE,
  /** CREATE / ALTER / DROP of keyspaces, tables, types, indexes, views, functions, roles, grants. */
  DDL,
  /** USE keyspace. */
  USE
}
