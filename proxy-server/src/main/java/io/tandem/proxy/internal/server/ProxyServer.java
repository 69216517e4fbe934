package io.tandem.proxy.internal.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tandem.proxy.internal.client.ClientConnection;
import io.tandem.proxy.internal.client.ProxyContext;
import io.tandem.proxy.internal.compression.FrameCompressionHandler;
import io.tandem.proxy.internal.frame.FrameDecoder;
import io.tandem.proxy.internal.frame.SegmentEncoder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Where client connections are accepted: a Netty server (epoll or NIO, see {@link NettyTransport}) whose pipeline per connection is TLS (when
 * configured), the v5 segment encoder, the frame decoder, compression, and a {@link ClientConnection}. Each client connection and the cluster
 * connections opened for it share one event loop.
 */
final class ProxyServer implements AutoCloseable {

  private static final int FLUSHES_PER_BATCH = 64;

  private final NettyTransport transport;
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final ChannelGroup clients = new DefaultChannelGroup("tandem-proxy-clients", GlobalEventExecutor.INSTANCE);
  private Channel listener;

  ProxyServer(int threads, NettyTransport transport) {
    this.transport = transport;
    this.acceptors = transport.eventLoopGroup(1, new DefaultThreadFactory("tandem-proxy-accept", true));
    this.workers = transport.eventLoopGroup(threads, new DefaultThreadFactory("tandem-proxy-io", true));
  }

  /** Binds the listen address; returns the bound address (with the real port when 0 was asked for). */
  InetSocketAddress bind(InetSocketAddress address, ProxyContext context, SslContext clientTls) {
    int maxFrameBytes = context.config().maxFrameBytes();
    listener = new ServerBootstrap().group(acceptors, workers).channel(transport.serverChannel())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            clients.add(channel);
            if (clientTls != null) {
              channel.pipeline().addLast(clientTls.newHandler(channel.alloc()));
            }
            // protocol v5 only, after the handshake: frames written between two flushes share segments
            channel.pipeline().addLast(new SegmentEncoder());
            // answers to one batch of client reads leave in one flush instead of one syscall each
            channel.pipeline().addLast(new FlushConsolidationHandler(FLUSHES_PER_BATCH, true));
            channel.pipeline().addLast(new FrameDecoder(maxFrameBytes), new FrameCompressionHandler(maxFrameBytes),
                new ClientConnection(context));
          }
        })
        .bind(address).syncUninterruptibly().channel();
    return (InetSocketAddress) listener.localAddress();
  }

  /** Stops accepting new connections; open ones keep working. */
  void stopAccepting() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
  }

  @Override
  public void close() {
    stopAccepting();
    clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
