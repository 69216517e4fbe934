package io.tandem.proxy.internal.backend;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The nodes of one cluster that forwarded connections may use, in the order to try them. Nodes come from
 * the proxy's driver session for that cluster, which discovers them from {@code system.peers} and tracks
 * which are up; the configured contact points are the fallback (also while no session is open). Successive calls rotate the order so client
 * connections spread over the cluster, and a connection that cannot be opened moves on to the next node.
 */
public final class ClusterNodes {

  private final Supplier<Optional<CqlSession>> session;
  private final List<InetSocketAddress> contactPoints;
  private final AtomicInteger rotation = new AtomicInteger();

  /** @param session the proxy's session to the cluster, when one is open (none before a client logged in) */
  public ClusterNodes(Supplier<Optional<CqlSession>> session, List<InetSocketAddress> contactPoints) {
    this.session = session;
    this.contactPoints = List.copyOf(contactPoints);
  }

  /** Every candidate node, live ones first, starting at a different one on each call. */
  public List<InetSocketAddress> candidates() {
    List<InetSocketAddress> live = new ArrayList<>();
    List<InetSocketAddress> others = new ArrayList<>();
    Collection<Node> known = session.get().map(open -> open.getMetadata().getNodes().values()).orElse(List.of());
    for (Node node : known) {
      SocketAddress address = node.getEndPoint().resolve();
      if (address instanceof InetSocketAddress inet) {
        (node.getState() == NodeState.UP ? live : others).add(inet);
      }
    }
    if (live.isEmpty() && others.isEmpty()) {
      others.addAll(contactPoints);
    }
    int start = Math.floorMod(rotation.getAndIncrement(), Math.max(1, live.size()));
    List<InetSocketAddress> ordered = new ArrayList<>(live.subList(start, live.size()));
    ordered.addAll(live.subList(0, start));
    ordered.addAll(others);
    return ordered;
  }
}
