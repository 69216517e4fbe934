package io.tandem.proxy.internal.backend;

import com.datastax.oss.protocol.internal.request.Options;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tandem.proxy.internal.frame.FrameDecoder;
import io.tandem.proxy.internal.frame.ProtocolCodecs;
import io.tandem.proxy.internal.frame.SegmentEncoder;
import io.tandem.proxy.internal.server.NettyTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Opens {@link BackendConnection}s to the nodes of one cluster, on the event loop of the client connection
 * they serve (so a client's requests and their forwarded copies never change threads). Adds TLS with
 * hostname verification when the cluster uses TLS, an OPTIONS heartbeat on idle connections (sent by the {@link
 * BackendConnection}, which sees every read and write: no idle-state handler adding a listener to each write), and
 * protocol v5 segments once the handshake is over (see {@link BackendConnection}).
 */
public final class BackendConnector {

  private static final int FLUSHES_PER_BATCH = 64;

  private final String clusterName;
  private final SslContext sslContext;
  private final boolean verifyHostname;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration heartbeatInterval;
  private final int maxFrameBytes;
  private final int maxStreamIds;
  private final ProtocolCodecs codecs;

  /**
   * @param sslContext TLS towards the cluster, or {@code null} for plain TCP
   * @param heartbeatInterval idle time after which an OPTIONS keeps the connection alive; zero disables it
   */
  public BackendConnector(String clusterName, SslContext sslContext, boolean verifyHostname, Duration connectTimeout,
      Duration requestTimeout, Duration heartbeatInterval, int maxFrameBytes, int maxStreamIds,
      ProtocolCodecs codecs) {
    this.clusterName = clusterName;
    this.sslContext = sslContext;
    this.verifyHostname = verifyHostname;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.heartbeatInterval = heartbeatInterval;
    this.maxFrameBytes = maxFrameBytes;
    this.maxStreamIds = maxStreamIds;
    this.codecs = codecs;
  }

  public String clusterName() {
    return clusterName;
  }

  /** Opens a TCP (and TLS) connection; the CQL handshake is the caller's. */
  public CompletableFuture<BackendConnection> connect(EventLoop loop, InetSocketAddress node, int protocolVersion) {
    BackendConnection connection = new BackendConnection(node, requestTimeout, maxStreamIds, heartbeatInterval,
        () -> codecs.request(protocolVersion, 0, Options.INSTANCE));
    CompletableFuture<BackendConnection> connected = new CompletableFuture<>();
    ChannelFuture future = new Bootstrap().group(loop).channel(NettyTransport.of(loop).socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            if (sslContext != null) {
              channel.pipeline().addLast(sslHandler(channel, node));
            }
            // protocol v5 only, after the handshake: requests written between two flushes share segments
            channel.pipeline().addLast(new SegmentEncoder());
            // requests forwarded while a client's batch is read leave in one flush
            channel.pipeline().addLast(new FlushConsolidationHandler(FLUSHES_PER_BATCH, true));
            channel.pipeline().addLast(new FrameDecoder(maxFrameBytes), connection);
          }
        })
        .connect(node);
    future.addListener(done -> {
      if (done.isSuccess()) {
        connected.complete(connection);
      } else {
        connected.completeExceptionally(new BackendConnectionLostException(
            "Cannot connect to " + clusterName + " node " + node + ": " + done.cause().getMessage(), done.cause()));
      }
    });
    return connected;
  }

  private SslHandler sslHandler(Channel channel, InetSocketAddress node) {
    SslHandler handler = sslContext.newHandler(channel.alloc(), node.getHostString(), node.getPort());
    if (verifyHostname) {
      SSLEngine engine = handler.engine();
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
    }
    return handler;
  }
}
