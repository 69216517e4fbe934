package io.tandem.core.internal.classify;

/**
 * A possibly keyspace-qualified name read from the tokens, normalized as Cassandra does (unquoted names
 * lowercased, quoted names exact).
 *
 * @param keyspace the qualifying keyspace, or {@code null} if the name is unqualified
 * @param name the table, keyspace or other object name
 * @param end the index of the first token after the name
 * @param offset the offset in the text of the name's first character (the keyspace's, when qualified)
 */
record QualifiedName(String keyspace, String name, int end, int offset) {}
