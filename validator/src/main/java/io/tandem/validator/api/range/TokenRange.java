package io.tandem.validator.api.range;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A slice of the token ring, {@code (start, end]}: start exclusive, end inclusive, never wrapping. A plain
 * value, serializable, so a range is a self-contained unit of work that another engine could run.
 */
public record TokenRange(BigInteger start, BigInteger end) implements Serializable, Comparable<TokenRange> {

  public TokenRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.compareTo(end) >= 0) {
      throw new IllegalArgumentException("A token range needs start < end, got (" + start + ", " + end + "]");
    }
  }

  public static TokenRange of(long start, long end) {
    return new TokenRange(BigInteger.valueOf(start), BigInteger.valueOf(end));
  }

  /** Parses the {@link #toString()} form {@code (start,end]}. */
  public static TokenRange parse(String text) {
    String trimmed = text.trim();
    if (!trimmed.startsWith("(") || !trimmed.endsWith("]") || !trimmed.contains(",")) {
      throw new IllegalArgumentException("Not a token range (expected \"(start,end]\"): " + text);
    }
    String[] bounds = trimmed.substring(1, trimmed.length() - 1).split(",");
    return new TokenRange(new BigInteger(bounds[0].trim()), new BigInteger(bounds[1].trim()));
  }

  /** How many tokens the range holds. */
  public BigInteger width() {
    return end.subtract(start);
  }

  public boolean contains(BigInteger token) {
    return token.compareTo(start) > 0 && token.compareTo(end) <= 0;
  }

  /** The part of this range after {@code token}, or null when nothing is left. */
  public TokenRange after(BigInteger token) {
    return token.compareTo(end) >= 0 ? null : new TokenRange(token.max(start), end);
  }

  /** Up to {@code parts} contiguous ranges of (almost) equal width covering this one. */
  public List<TokenRange> split(int parts) {
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be >= 1, got " + parts);
    }
    BigInteger width = width();
    int count = width.compareTo(BigInteger.valueOf(parts)) < 0 ? width.intValue() : parts;
    List<TokenRange> pieces = new ArrayList<>(count);
    BigInteger previous = start;
    for (int index = 1; index <= count; index++) {
      BigInteger next =
          index == count ? end : start.add(width.multiply(BigInteger.valueOf(index)).divide(BigInteger.valueOf(count)));
      pieces.add(new TokenRange(previous, next));
      previous = next;
    }
    return pieces;
  }

  @Override
  public int compareTo(TokenRange other) {
    int byStart = start.compareTo(other.start);
    return byStart != 0 ? byStart : end.compareTo(other.end);
  }

  @Override
  public String toString() {
    return "(" + start + "," + end + "]";
  }
}
