package io.tandem.validator.internal.range;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.token.Token;
import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.api.range.TokenRange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where the ring is cut into work: about {@code count} ranges, each inside one replica set's range (so every
 * scan is served by one set of nodes, token-aware), with a number of pieces proportional to the share of the
 * ring that set owns.
 */
public final class RingSplitter {

  private RingSplitter() {}

  /** Splits the ring of {@code session}'s cluster into about {@code count} ranges. */
  public static List<TokenRange> split(CqlSession session, Partitioner partitioner, int count) {
    Optional<TokenMap> tokenMap = session.getMetadata().getTokenMap();
    List<BigInteger> nodeTokens = new ArrayList<>();
    tokenMap.ifPresent(map -> map.getTokenRanges().forEach(range -> nodeTokens.add(parse(map, range.getEnd()))));
    return split(partitioner, nodeTokens, count);
  }

  /** Splits the ring whose nodes own the given tokens (empty: one even split) into about {@code count} ranges. */
  public static List<TokenRange> split(Partitioner partitioner, List<BigInteger> nodeTokens, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("split count must be >= 1, got " + count);
    }
    TokenRange ring = partitioner.fullRing();
    List<TokenRange> owned = ownedRanges(ring, nodeTokens);
    BigDecimal ringWidth = new BigDecimal(ring.width());
    List<TokenRange> ranges = new ArrayList<>();
    for (TokenRange range : owned) {
      BigDecimal share = new BigDecimal(range.width()).divide(ringWidth, 12, RoundingMode.HALF_UP);
      int pieces = Math.max(1, share.multiply(BigDecimal.valueOf(count)).setScale(0, RoundingMode.HALF_UP).intValue());
      ranges.addAll(range.split(pieces));
    }
    return ranges;
  }

  /** The ring cut at each node token, unwrapped so that no range crosses the ring's end. */
  private static List<TokenRange> ownedRanges(TokenRange ring, List<BigInteger> nodeTokens) {
    TreeSet<BigInteger> cuts = new TreeSet<>();
    nodeTokens.stream().filter(ring::contains).forEach(cuts::add);
    cuts.remove(ring.end());
    List<TokenRange> owned = new ArrayList<>();
    BigInteger previous = ring.start();
    for (BigInteger cut : cuts) {
      owned.add(new TokenRange(previous, cut));
      previous = cut;
    }
    owned.add(new TokenRange(previous, ring.end()));
    return owned;
  }

  private static BigInteger parse(TokenMap map, Token token) {
    return new BigInteger(map.format(token));
  }
}
