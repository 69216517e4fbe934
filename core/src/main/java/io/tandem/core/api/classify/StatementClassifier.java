package io.tandem.core.api.classify;

/**
 * Classifies CQL query text for routing: read, write, DDL or USE, and the properties that change how a
 * write may be mirrored (LWT, own timestamp, safe to repeat). Implementations are thread-safe and cheap to
 * call repeatedly with the same text (results are cached).
 */
public interface StatementClassifier {

  Classification classify(String query);
}
