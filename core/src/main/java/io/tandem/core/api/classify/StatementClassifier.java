package io.tandem.core.api.classify;

/**
 * Classifies CQL query text for routing: read, write, DDL or USE, and the properties that change how a
 * write may be mirrored (LWT, own timestamp, safe to repeat). Implementations are thread-safe and cheap to
 * call repeatedly with the same text (results are cached).
 */
public interface StatementClassifier {

  Classification classify(String query);

  /**
   * {@code query} with {@code keyspace} written before each unqualified table it reads or writes, for a cluster
   * spoken to over protocol v4, which has no per-request keyspace; {@code query} itself when there is nothing to
   * qualify or the text cannot be read.
   */
  String qualify(String query, String keyspace);
}
