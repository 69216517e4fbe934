package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.request.Register;
import com.datastax.oss.protocol.internal.request.Startup;
import io.netty.channel.EventLoop;
import io.tandem.core.api.Side;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.internal.backend.BackendConnection;
import io.tandem.proxy.internal.backend.BackendConnectionLostException;
import io.tandem.proxy.internal.backend.ResponseCallback;
import io.tandem.proxy.internal.frame.RawFrame;
import io.tandem.proxy.internal.session.ClientCredentials;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's way to one cluster: a single {@link BackendConnection}, opened when first needed
 * and opened again, on another node if need be, after it was lost. The proxy runs the handshake itself
 * (STARTUP, the cluster's credentials or else the client's, USE of the current keyspace), except on the
 * connection the client's own handshake is relayed over. Confined to the client connection's event loop;
 * {@link #send} may be called from any thread.
 */
final class ClusterLink {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterLink.class);
  private static final String BASELINE_CQL_VERSION = "3.0.0";

  private final Side side;
  private final ProxyContext context;
  private final EventLoop loop;
  private final ClientState state;
  private CompletableFuture<BackendConnection> current;
  private Consumer<RawFrame> eventListener;
  private List<String> eventTypes;
  private boolean closed;

  ClusterLink(Side side, ProxyContext context, EventLoop loop, ClientState state) {
    this.side = side;
    this.context = context;
    this.loop = loop;
    this.state = state;
  }

  Side side() {
    return side;
  }

  /** Opens the connection the client's handshake will be relayed over (no handshake of the proxy's own). */
  CompletableFuture<BackendConnection> openForRelay() {
    current = tryNodes(context.nodes(side).candidates().iterator(), false, null);
    return current;
  }

  /** Whether a connection is open now (a USE must then be applied to it as well). */
  boolean isConnected() {
    return current != null && current.isDone() && !current.isCompletedExceptionally() && current.join().isOpen();
  }

  /** Sends a request frame (taking over its reference) and completes with the response, which the caller owns. */
  CompletableFuture<RawFrame> send(RawFrame request) {
    if (!loop.inEventLoop()) {
      CompletableFuture<RawFrame> response = new CompletableFuture<>();
      loop.execute(() -> send(request).whenComplete((frame, error) -> complete(response, frame, error)));
      return response;
    }
    if (isConnected()) {
      return current.join().send(request);
    }
    return connection().handle((connection, error) -> {
      if (error != null) {
        request.release();
        return CompletableFuture.<RawFrame>failedFuture(error);
      }
      return connection.send(request);
    }).thenCompose(response -> response);
  }

  /**
   * Sends a request frame (taking over its reference); {@code callback} gets the answer, which it then owns. On
   * the event loop with the connection open (the hot path) it goes straight to the connection; otherwise as
   * {@link #send(RawFrame)}, connecting first.
   */
  void send(RawFrame request, ResponseCallback callback) {
    if (loop.inEventLoop() && isConnected()) {
      current.join().send(request, callback);
      return;
    }
    send(request).whenComplete((response, error) -> {
      if (error != null) {
        callback.failed(error);
      } else {
        callback.answered(response);
      }
    });
  }

  /**
   * Routes this cluster's server events to the listener, now and after any reconnection (a new connection
   * registers for the same event types).
   */
  void onEvent(List<String> eventTypes, Consumer<RawFrame> listener) {
    this.eventTypes = List.copyOf(eventTypes);
    this.eventListener = listener;
    if (isConnected()) {
      current.join().onEvent(listener);
    }
  }

  void close() {
    closed = true;
    if (current != null) {
      current.thenAccept(BackendConnection::close);
    }
  }

  private CompletableFuture<BackendConnection> connection() {
    if (closed) {
      return CompletableFuture.failedFuture(new BackendConnectionLostException("The client connection is closing"));
    }
    if (current == null || (current.isDone() && (current.isCompletedExceptionally() || !current.join().isOpen()))) {
      current = tryNodes(context.nodes(side).candidates().iterator(), true, null);
    }
    return current;
  }

  private CompletableFuture<BackendConnection> tryNodes(Iterator<InetSocketAddress> nodes, boolean handshake,
      Throwable lastFailure) {
    if (!nodes.hasNext()) {
      return CompletableFuture.failedFuture(new BackendConnectionLostException(
          "No " + side.name().toLowerCase() + " node accepted a connection"
              + (lastFailure != null ? ": " + lastFailure.getMessage() : ""), lastFailure));
    }
    InetSocketAddress node = nodes.next();
    CompletableFuture<BackendConnection> opened = context.connector(side).connect(loop, node, state.version());
    if (handshake) {
      opened = opened.thenCompose(connection -> context.handshake().run(connection, context.endpoint(side).name(),
          state.version(), startupOptions(), authToken(), state.keyspace()));
    }
    return opened.handle((connection, error) -> {
      if (error != null) {
        LOG.debug("Cannot use {} node {} for {}: {}", side, node, state, error.toString());
        return tryNodes(nodes, handshake, error);
      }
      if (eventListener != null) {
        connection.onEvent(eventListener);
        if (handshake) {
          register(connection);
        }
      }
      return CompletableFuture.completedFuture(connection);
    }).thenCompose(result -> result);
  }

  private void register(BackendConnection connection) {
    connection.send(context.codecs().request(state.version(), 0, new Register(eventTypes))).whenComplete(
        (answer, error) -> {
          if (answer != null) {
            answer.release();
          } else {
            LOG.debug("Registering for events again on {} failed: {}", connection.node(), error.toString());
          }
        });
  }

  /**
   * The client's STARTUP options adapted to a cluster the client did not negotiate with: the CQL version
   * every Cassandra 3+ accepts instead of one the client may have read from the other cluster.
   */
  private Map<String, String> startupOptions() {
    Map<String, String> options = new HashMap<>(state.startupOptions());
    options.put(Startup.CQL_VERSION_KEY, BASELINE_CQL_VERSION);
    return options;
  }

  /** The cluster's own credentials when configured, otherwise those the client presented (as Azure's proxy). */
  private byte[] authToken() {
    ClusterEndpoint endpoint = context.endpoint(side);
    if (endpoint.hasCredentials()) {
      return new ClientCredentials(endpoint.username(), endpoint.password()).plainToken();
    }
    return state.authToken();
  }

  private static void complete(CompletableFuture<RawFrame> target, RawFrame frame, Throwable error) {
    if (error != null) {
      target.completeExceptionally(error);
    } else if (!target.complete(frame)) {
      frame.release();
    }
  }
}
