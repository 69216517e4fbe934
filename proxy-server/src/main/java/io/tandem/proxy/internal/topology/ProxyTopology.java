package io.tandem.proxy.internal.topology;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The proxy instances that drivers see in place of the source cluster's nodes, each owning one token that
 * splits the ring evenly.
 *
 * <p>An empty list of instances means a single proxy: the instance asking is the only one, at index 0. An
 * instance asking that is not in a non-empty list counts as one more instance appended at the end: its peers
 * are all the listed instances, and its token splits a ring of {@code size() + 1} instances while the listed
 * ones split a ring of {@code size()}, so tokens stay distinct but the shares are no longer even.
 *
 * <p>Instances are compared by port and by IP address, or by host name when either side is unresolved.
 * Drivers need IP addresses in {@code system.peers}, so listed instances must be resolved.
 */
public final class ProxyTopology {

  /** The partitioner assumed when the source cluster's is not known. */
  public static final String DEFAULT_PARTITIONER = "org.apache.cassandra.dht.Murmur3Partitioner";

  private static final BigInteger MURMUR3_RING_SIZE = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger RANDOM_RING_SIZE = BigInteger.ONE.shiftLeft(127);

  private final List<InetSocketAddress> instances;

  /**
   * @param instances all proxy instances, in the order that gives their tokens; empty for a single proxy
   * @throws IllegalArgumentException if an instance's address is unresolved
   */
  public ProxyTopology(List<InetSocketAddress> instances) {
    for (InetSocketAddress instance : instances) {
      if (instance.isUnresolved()) {
        throw new IllegalArgumentException("proxy instance " + instance + " is unresolved: give an IP address");
      }
    }
    this.instances = List.copyOf(instances);
  }

  /** Every instance except {@code self}, in list order; empty for a single proxy. */
  public List<InetSocketAddress> peersOf(InetSocketAddress self) {
    return instances.stream().filter(instance -> !sameInstance(instance, self)).toList();
  }

  /** The position of {@code self}: 0 for a single proxy, {@link #size()} when it is not listed. */
  public int indexOf(InetSocketAddress self) {
    for (int index = 0; index < instances.size(); index++) {
      if (sameInstance(instances.get(index), self)) {
        return index;
      }
    }
    return instances.size();
  }

  /** The number of listed instances, 1 for a single proxy. */
  public int size() {
    return Math.max(1, instances.size());
  }

  /** A host id that stays the same for an address and port across restarts and instances. */
  public UUID hostId(InetSocketAddress instance) {
    String hostAndPort = hostOf(instance) + ":" + instance.getPort();
    return UUID.nameUUIDFromBytes(hostAndPort.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The one token of {@code instance}: instance i of n starts the i-th of n equal shares of the ring.
   *
   * @param partitioner the source cluster's partitioner class name
   * @throws IllegalArgumentException unless the partitioner is Murmur3Partitioner or RandomPartitioner
   */
  public Set<String> tokens(InetSocketAddress instance, String partitioner) {
    Objects.requireNonNull(partitioner, "partitioner");
    int index = indexOf(instance);
    int ringInstances = index < instances.size() ? size() : index + 1;
    return Set.of(token(partitioner, index, ringInstances));
  }

  private static String token(String partitioner, int index, int ringInstances) {
    BigInteger position = BigInteger.valueOf(index);
    BigInteger count = BigInteger.valueOf(ringInstances);
    if (partitioner.endsWith("Murmur3Partitioner")) {
      BigInteger offset = position.multiply(MURMUR3_RING_SIZE.divide(count));
      return Long.toString(BigInteger.valueOf(Long.MIN_VALUE).add(offset).longValue());
    }
    if (partitioner.endsWith("RandomPartitioner")) {
      return position.multiply(RANDOM_RING_SIZE.divide(count)).toString();
    }
    throw new IllegalArgumentException(
        "the source cluster's partitioner " + partitioner
            + " is not supported: the proxy only supports Murmur3Partitioner and RandomPartitioner");
  }

  private static boolean sameInstance(InetSocketAddress left, InetSocketAddress right) {
    if (left.getPort() != right.getPort()) {
      return false;
    }
    if (left.isUnresolved() || right.isUnresolved()) {
      return left.getHostString().equals(right.getHostString());
    }
    return left.getAddress().equals(right.getAddress());
  }

  private static String hostOf(InetSocketAddress instance) {
    return instance.isUnresolved() ? instance.getHostString() : instance.getAddress().getHostAddress();
  }

  @Override
  public String toString() {
    return instances.isEmpty() ? "single proxy" : instances.toString();
  }
}
