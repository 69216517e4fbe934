package io.tandem.proxy.internal.server;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * How the proxy's sockets are driven: Linux's native epoll transport when asked for and its library loads
 * (Linux on x86_64 or aarch64), otherwise Java NIO, which works everywhere. Cluster connections use the
 * transport of the client connection's event loop they share.
 */
public enum NettyTransport {

  /** Netty's native epoll transport: fewer system calls and less garbage per read and write than NIO. */
  EPOLL {
    @Override
    public EventLoopGroup eventLoopGroup(int threads, ThreadFactory threadFactory) {
      return new EpollEventLoopGroup(threads, threadFactory);
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
      return EpollServerSocketChannel.class;
    }

    @Override
    public Class<? extends SocketChannel> socketChannel() {
      return EpollSocketChannel.class;
    }
  },

  /** Java NIO: the portable fallback. */
  NIO {
    @Override
    public EventLoopGroup eventLoopGroup(int threads, ThreadFactory threadFactory) {
      return new NioEventLoopGroup(threads, threadFactory);
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
      return NioServerSocketChannel.class;
    }

    @Override
    public Class<? extends SocketChannel> socketChannel() {
      return NioSocketChannel.class;
    }
  };

  /**
   * The transport to use.
   *
   * @param preferNative whether to use epoll where it is available (setting {@code tandem.proxy.native-transport})
   */
  public static NettyTransport choose(boolean preferNative) {
    return preferNative && nativeAvailable() ? EPOLL : NIO;
  }

  /** Whether the native epoll library loads here; why not is in {@link Epoll#unavailabilityCause()}. */
  public static boolean nativeAvailable() {
    try {
      return Epoll.isAvailable();
    } catch (LinkageError missing) {
      return false;
    }
  }

  /** Why the native transport does not load, in words. */
  public static String unavailabilityCause() {
    try {
      Throwable cause = Epoll.unavailabilityCause();
      return cause == null ? "it loads" : cause.toString();
    } catch (LinkageError missing) {
      return missing.toString();
    }
  }

  /** The transport an event loop of {@link #eventLoopGroup} belongs to. */
  public static NettyTransport of(EventLoop loop) {
    return loop.parent() instanceof EpollEventLoopGroup ? EPOLL : NIO;
  }

  public abstract EventLoopGroup eventLoopGroup(int threads, ThreadFactory threadFactory);

  public abstract Class<? extends ServerChannel> serverChannel();

  public abstract Class<? extends SocketChannel> socketChannel();
}
