package io.tandem.rings;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ring as the servers themselves list it ({@code system.local.tokens} read on each node), and the replicas
 * SimpleStrategy places there: the owner of the first token at or after a key's token, then the next distinct
 * nodes clockwise. Independent of the driver's token map, so the two can be checked against each other.
 */
final class ServerTokens {

  private final TreeMap<BigInteger, InetAddress> ownerByToken;

  private ServerTokens(TreeMap<BigInteger, InetAddress> ownerByToken) {
    this.ownerByToken = ownerByToken;
  }

  /** Asks every node of {@code session}'s cluster for its own tokens. */
  static ServerTokens read(CqlSession session) {
    TreeMap<BigInteger, InetAddress> owners = new TreeMap<>();
    for (Node node : session.getMetadata().getNodes().values()) {
      Row local = session.execute(SimpleStatement.newInstance("SELECT tokens FROM system.local").setNode(node)).one();
      for (String token : local.getSet("tokens", String.class)) {
        owners.put(new BigInteger(token), Ring.address(node));
      }
    }
    return new ServerTokens(owners);
  }

  Set<BigInteger> tokens() {
    return ownerByToken.keySet();
  }

  /** How many tokens each node holds. */
  Map<InetAddress, Long> tokensPerNode() {
    Map<InetAddress, Long> counts = new TreeMap<>((a, b) -> a.getHostAddress().compareTo(b.getHostAddress()));
    ownerByToken.values().forEach(node -> counts.merge(node, 1L, Long::sum));
    return counts;
  }

  /** The {@code replicationFactor} nodes holding a key whose token is {@code token}. */
  Set<InetAddress> replicas(BigInteger token, int replicationFactor) {
    Set<InetAddress> replicas = new LinkedHashSet<>();
    BigInteger first = ownerByToken.ceilingKey(token);
    for (Map.Entry<BigInteger, InetAddress> entry : clockwiseFrom(first != null ? first : ownerByToken.firstKey())) {
      replicas.add(entry.getValue());
      if (replicas.size() == replicationFactor) {
        break;
      }
    }
    return replicas;
  }

  private Iterable<Map.Entry<BigInteger, InetAddress>> clockwiseFrom(BigInteger token) {
    List<Map.Entry<BigInteger, InetAddress>> order = new ArrayList<>();
    order.addAll(ownerByToken.tailMap(token, true).entrySet());
    order.addAll(ownerByToken.headMap(token, false).entrySet());
    return order;
  }
}
