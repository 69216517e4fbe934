package io.tandem.validator.internal.scan;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A row's position: its partition token and the serialized values of its primary key columns (clustering
 * values are null for a partition that only holds static columns). Equal on both clusters for the same row,
 * because both have the same schema.
 */
public record RowKey(BigInteger token, ByteBuffer[] components) {

  /** True when the row stands for a partition's static columns only (no clustering values). */
  public boolean isStaticOnly(int partitionKeySize) {
    return components.length > partitionKeySize && components[partitionKeySize] == null;
  }

  /** The same partition as {@code other} (token and partition key equal). */
  public boolean samePartition(RowKey other, int partitionKeySize) {
    if (!token.equals(other.token)) {
      return false;
    }
    for (int index = 0; index < partitionKeySize; index++) {
      if (!components[index].equals(other.components[index])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowKey key && token.equals(key.token) && Arrays.equals(components, key.components);
  }

  @Override
  public int hashCode() {
    return 31 * token.hashCode() + Arrays.hashCode(components);
  }

  @Override
  public String toString() {
    return "RowKey[token=" + token + "]";
  }
}
