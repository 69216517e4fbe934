package io.tandem.proxy.internal.client;

import io.tandem.core.api.Side;
import io.tandem.core.api.classify.Classification;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the proxy knows about a statement a client prepared: its text and keyspace (to re-prepare it on
 * either cluster and to mirror its executions), its classification, and the id each cluster gave it. The
 * client only ever sees {@link #clientId()}, the id of the cluster it was first prepared on.
 */
public final class PreparedStatement {

  private final byte[] clientId;
  private final String query;
  private final String keyspace;
  private final Classification classification;
  private final AtomicReferenceArray<byte[]> idBySide = new AtomicReferenceArray<>(Side.values().length);
  /** The proxy's statement for this text with {@code now()} and the like as bind markers, once one ran. */
  private volatile PreparedStatement rewritten;

  PreparedStatement(byte[] clientId, Side preparedOn, String query, String keyspace, Classification classification) {
    this.clientId = clientId.clone();
    this.query = query;
    this.keyspace = keyspace;
    this.classification = classification;
    if (preparedOn != null) {
      idBySide.set(preparedOn.ordinal(), clientId.clone());
    }
  }

  public byte[] clientId() {
    return clientId.clone();
  }

  public String query() {
    return query;
  }

  /** The keyspace unqualified names resolve against, or {@code null}. */
  public String keyspace() {
    return keyspace;
  }

  public Classification classification() {
    return classification;
  }

  /** The id on one cluster, or {@code null} when it has not been prepared there (yet). */
  public byte[] idOn(Side side) {
    return idBySide.get(side.ordinal());
  }

  /** Records the id a cluster gave after a (re-)prepare. */
  public void preparedOn(Side side, byte[] id) {
    idBySide.set(side.ordinal(), id.clone());
  }

  /** Forgets a cluster's id after it answered UNPREPARED, so the next use prepares again. */
  public void forget(Side side, byte[] staleId) {
    byte[] current = idBySide.get(side.ordinal());
    if (current != null && Arrays.equals(current, staleId)) {
      idBySide.compareAndSet(side.ordinal(), current, null);
    }
  }

  /** The statement last made for a rewritten text of this one, or {@code null}. */
  PreparedStatement rewritten() {
    return rewritten;
  }

  void rewritten(PreparedStatement statement) {
    this.rewritten = statement;
  }

  @Override
  public String toString() {
    return "PreparedStatement{" + query + (keyspace != null ? " in " + keyspace : "") + "}";
  }
}
