package io.tandem.proxy.internal.backend;

import java.util.BitSet;

/**
 * The stream ids of one cluster connection: the proxy gives each forwarded request its own id on the
 * connection and puts the client's id back on the response. Not thread-safe: used on the connection's event
 * loop only.
 */
final class StreamIdPool {

  /** v3+ stream ids are signed shorts; negative ones are reserved for server events. */
  static final int MAX_STREAM_IDS = 32768;

  private final BitSet used = new BitSet(MAX_STREAM_IDS);
  private final int capacity;
  private int next;
  private int inUse;

  StreamIdPool(int capacity) {
    this.capacity = Math.min(capacity, MAX_STREAM_IDS);
  }

  /** A free id, or -1 when all are in use. */
  int acquire() {
    if (inUse >= capacity) {
      return -1;
    }
    int id = used.nextClearBit(next);
    if (id >= capacity) {
      id = used.nextClearBit(0);
    }
    used.set(id);
    inUse++;
    next = id + 1 >= capacity ? 0 : id + 1;
    return id;
  }

  void release(int id) {
    if (id >= 0 && id < capacity && used.get(id)) {
      used.clear(id);
      inUse--;
    }
  }

  int inUse() {
    return inUse;
  }
}
