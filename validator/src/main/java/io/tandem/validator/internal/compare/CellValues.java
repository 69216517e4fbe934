package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether two decoded cell values mean the same data although their bytes differ: null equals an empty
 * collection, decimals compare by value (1.0 = 1.00), UDTs field by field whatever their keyspace, NaN = NaN.
 */
final class CellValues {

  private CellValues() {}

  static boolean same(Object source, Object target) {
    if (source == target) {
      return true;
    }
    if (isNullOrEmpty(source) && isNullOrEmpty(target)) {
      return true;
    }
    if (source == null || target == null) {
      return false;
    }
    if (source instanceof BigDecimal left && target instanceof BigDecimal right) {
      return left.compareTo(right) == 0;
    }
    if (source instanceof UdtValue left && target instanceof UdtValue right) {
      return sameUdt(left, right);
    }
    if (source instanceof TupleValue left && target instanceof TupleValue right) {
      return sameTuple(left, right);
    }
    if (source instanceof List<?> left && target instanceof List<?> right) {
      return sameInOrder(left, right);
    }
    // the driver keeps Cassandra's order of set elements and map keys, which is the same on both sides
    if (source instanceof Set<?> left && target instanceof Set<?> right) {
      return sameInOrder(left, right);
    }
    if (source instanceof Map<?, ?> left && target instanceof Map<?, ?> right) {
      return sameInOrder(left.keySet(), right.keySet()) && sameInOrder(left.values(), right.values());
    }
    // Double and Float equals() treat NaN as equal to NaN
    return source.equals(target);
  }

  private static boolean isNullOrEmpty(Object value) {
    return value == null || value instanceof Collection<?> collection && collection.isEmpty()
        || value instanceof Map<?, ?> map && map.isEmpty();
  }

  private static boolean sameInOrder(Collection<?> left, Collection<?> right) {
    if (left.size() != right.size()) {
      return false;
    }
    Iterator<?> rightValues = right.iterator();
    for (Object value : left) {
      if (!same(value, rightValues.next())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameUdt(UdtValue left, UdtValue right) {
    if (!left.getType().getFieldNames().equals(right.getType().getFieldNames())) {
      return false;
    }
    for (int index = 0; index < left.size(); index++) {
      if (!same(left.getObject(index), right.getObject(index))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameTuple(TupleValue left, TupleValue right) {
    if (left.size() != right.size()) {
      return false;
    }
    for (int index = 0; index < left.size(); index++) {
      if (!same(left.getObject(index), right.getObject(index))) {
        return false;
      }
    }
    return true;
  }
}
