package io.tandem.validator.api.range;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import java.math.BigInteger;

/** The partitioners whose rings Tandem can split: Murmur3 (the default since Cassandra 1.2) and Random. */
public enum Partitioner {
  MURMUR3("org.apache.cassandra.dht.Murmur3Partitioner", BigInteger.valueOf(Long.MIN_VALUE),
      BigInteger.valueOf(Long.MAX_VALUE)),
  RANDOM("org.apache.cassandra.dht.RandomPartitioner", BigInteger.ONE.negate(), BigInteger.TWO.pow(127));

  private final String className;
  private final BigInteger minimum;
  private final BigInteger maximum;

  Partitioner(String className, BigInteger minimum, BigInteger maximum) {
    this.className = className;
    this.minimum = minimum;
    this.maximum = maximum;
  }

  /** The whole ring as one range: every token a key can hash to. */
  public TokenRange fullRing() {
    return new TokenRange(minimum, maximum);
  }

  /** The partitioner of the cluster behind {@code session}, from the driver's token metadata. */
  public static Partitioner of(CqlSession session) {
    TokenMap tokenMap =
        session.getMetadata().getTokenMap()
            .orElseThrow(() -> new IllegalStateException(
                "The driver has no token metadata for " + session.getName() + ": enable "
                    + "datastax-java-driver.advanced.metadata.token-map.enabled (and schema metadata)"));
    return byName(tokenMap.getPartitionerName());
  }

  public static Partitioner byName(String name) {
    for (Partitioner partitioner : values()) {
      if (partitioner.className.equals(name) || partitioner.className.endsWith("." + name)) {
        return partitioner;
      }
    }
    throw new IllegalArgumentException(
        "Unsupported partitioner " + name + ": Tandem splits Murmur3Partitioner and RandomPartitioner rings");
  }

  /** The token as the value bound to {@code token(...) > ?}: a bigint for Murmur3, a varint for Random. */
  public Object toCql(BigInteger token) {
    return this == MURMUR3 ? (Object) token.longValueExact() : token;
  }

  /** Reads the {@code token(...)} column at {@code index}. */
  public BigInteger tokenAt(Row row, int index) {
    return this == MURMUR3 ? BigInteger.valueOf(row.getLong(index)) : row.getBigInteger(index);
  }
}
