package io.tandem.proxy.internal.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The prepared ids under which the primary runs a client's prepared statement whose text the engine rewrote (its
 * {@code now()} and the like became bind markers). The client keeps its own id and metadata; the rewritten text
 * gets an id of the proxy's own, recorded in {@link PreparedStatements} like a client's, so that {@link
 * PreparedRequests} prepares it on a cluster on first use and again after an UNPREPARED answer.
 */
final class RewrittenStatements {

  /** Cassandra's ids are 16-byte digests: a 20-byte id starting with these bytes cannot be one. */
  private static final byte[] PREFIX = "TNDM".getBytes(StandardCharsets.US_ASCII);

  private final PreparedStatements statements;

  RewrittenStatements(PreparedStatements statements) {
    this.statements = statements;
  }

  /** The id to execute {@code text} under: {@code clientId} when it is the statement's own text. */
  byte[] idFor(byte[] clientId, String text) {
    PreparedStatement original = statements.find(clientId).orElse(null);
    if (original == null || original.query().equals(text)) {
      return clientId;
    }
    PreparedStatement known = original.rewritten();
    if (known != null && known.query().equals(text) && statements.find(known.clientId()).isPresent()) {
      return known.clientId();
    }
    PreparedStatement rewritten = statements.rememberRewritten(
        idOf(original.keyspace(), text), text, original.keyspace(), original.classification());
    original.rewritten(rewritten);
    return rewritten.clientId();
  }

  private static byte[] idOf(String keyspace, String text) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java runtime", e);
    }
    digest.update((keyspace == null ? "" : keyspace).getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
    byte[] id = new byte[PREFIX.length + hash.length];
    System.arraycopy(PREFIX, 0, id, 0, PREFIX.length);
    System.arraycopy(hash, 0, id, PREFIX.length, hash.length);
    return id;
  }
}
