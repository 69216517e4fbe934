package io.tandem.proxy.internal.backend;

import com.datastax.oss.protocol.internal.Compressor;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.tandem.proxy.internal.frame.RawFrame;
import io.tandem.proxy.internal.frame.SegmentFraming;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection from the proxy to one cluster node, carrying the requests of one client connection. Each
 * request gets its own stream id on this connection; its response completes the future returned by {@link
 * #send} (with the frame's stream id still the proxy's: the caller puts the client's back). Server EVENT
 * frames go to the event listener. A request not answered within the timeout fails with {@link
 * BackendTimeoutException}; when the connection closes, every pending request fails with {@link
 * BackendConnectionLostException}. A protocol v5 connection moves to segments (uncompressed: the proxy never
 * compresses towards clusters) as soon as the cluster's READY or AUTHENTICATE arrives.
 */
public final class BackendConnection extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);

  private final InetSocketAddress node;
  private final Duration requestTimeout;
  private final StreamIdPool streamIds;
  private final Map<Integer, Pending> pending = new HashMap<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile Consumer<RawFrame> eventListener = RawFrame::release;
  private Channel channel;

  BackendConnection(InetSocketAddress node, Duration requestTimeout, int maxStreamIds) {
    this.node = node;
    this.requestTimeout = requestTimeout;
    this.streamIds = new StreamIdPool(maxStreamIds);
  }

  public InetSocketAddress node() {
    return node;
  }

  /** Receives EVENT frames (stream -1); the listener owns each frame. Default: drop them. */
  public void onEvent(Consumer<RawFrame> listener) {
    this.eventListener = listener;
  }

  /** Completes when the connection has closed, for whatever reason. */
  public CompletableFuture<Void> closeFuture() {
    return closed;
  }

  public boolean isOpen() {
    return channel != null && channel.isActive();
  }

  /**
   * Sends a request frame (taking over its reference) and completes with the response frame, which the
   * caller owns. Safe from any thread.
   */
  public CompletableFuture<RawFrame> send(RawFrame request) {
    CompletableFuture<RawFrame> response = new CompletableFuture<>();
    if (channel.eventLoop().inEventLoop()) {
      write(request, response);
    } else {
      channel.eventLoop().execute(() -> write(request, response));
    }
    return response;
  }

  public void close() {
    if (channel != null) {
      channel.close();
    }
  }

  private void write(RawFrame request, CompletableFuture<RawFrame> response) {
    if (!channel.isActive()) {
      request.release();
      response.completeExceptionally(new BackendConnectionLostException("The connection to " + node + " is closed"));
      return;
    }
    int streamId = streamIds.acquire();
    if (streamId < 0) {
      request.release();
      response.completeExceptionally(new BackendBusyException("All stream ids to " + node + " are in use"));
      return;
    }
    ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> expire(streamId), requestTimeout.toMillis(),
        TimeUnit.MILLISECONDS);
    pending.put(streamId, new Pending(response, timeout));
    channel.writeAndFlush(request.withStreamId(streamId).buffer(), channel.voidPromise());
  }

  private void expire(int streamId) {
    Pending expired = pending.remove(streamId);
    if (expired != null) {
      // the id stays taken: a late answer must not be mistaken for the next request's
      expired.response.completeExceptionally(new BackendTimeoutException(
          node + " did not answer within " + requestTimeout.toMillis() + " ms"));
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.channel = context.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    RawFrame frame = (RawFrame) message;
    if (SegmentFraming.startsAfter(frame, channel)) {
      // before anyone reacts to the answer: the next request (AUTH_RESPONSE, USE, ...) must go in segments
      SegmentFraming.start(channel, frame.version(), Compressor.none());
    }
    int streamId = frame.streamId();
    if (streamId == RawFrame.EVENT_STREAM_ID) {
      eventListener.accept(frame);
      return;
    }
    Pending answered = pending.remove(streamId);
    streamIds.release(streamId);
    if (answered == null) {
      LOG.trace("Dropping a late response on stream {} from {}", streamId, node);
      frame.release();
      return;
    }
    answered.timeout.cancel(false);
    if (!answered.response.complete(frame)) {
      frame.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    BackendConnectionLostException lost = new BackendConnectionLostException("The connection to " + node + " closed");
    pending.values().forEach(waiting -> {
      waiting.timeout.cancel(false);
      waiting.response.completeExceptionally(lost);
    });
    pending.clear();
    closed.complete(null);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    LOG.debug("Closing the connection to {}: {}", node, cause.toString());
    context.close();
  }

  private record Pending(CompletableFuture<RawFrame> response, ScheduledFuture<?> timeout) {}
}
