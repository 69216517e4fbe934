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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection from the proxy to one cluster node, carrying the requests of one client connection. Each
 * request gets its own stream id on this connection; its response completes the future returned by {@link
 * #send} (with the frame's stream id still the proxy's: the caller puts the client's back). Server EVENT
 * frames go to the event listener. A request not answered within the timeout fails with {@link
 * BackendTimeoutException} (checked by one periodic task per connection, every twentieth of the timeout
 * between 5 ms and 250 ms, so it fails up to that much later); when the connection closes, every pending
 * request fails with {@link BackendConnectionLostException}. After {@code heartbeatInterval} with nothing read
 * or written, the same task sends the heartbeat request (OPTIONS) and closes the connection if it fails. A
 * protocol v5 connection moves to segments (uncompressed: the proxy never compresses towards clusters) as soon
 * as the cluster's READY or AUTHENTICATE arrives.
 */
public final class BackendConnection extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);
  private static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long MAX_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final InetSocketAddress node;
  private final Duration requestTimeout;
  private final long requestTimeoutNanos;
  private final long heartbeatNanos;
  private final Supplier<RawFrame> heartbeatRequest;
  private final StreamIdPool streamIds;
  // by stream id, confined to the event loop: no boxing, no map entry and no timer task per request
  private final ResponseCallback[] pending;
  private final long[] deadlines;
  private int pendingCount;
  private long lastActivity;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile Consumer<RawFrame> eventListener = RawFrame::release;
  private ScheduledFuture<?> checks;
  private Channel channel;

  /**
   * @param heartbeatInterval idle time after which {@code heartbeatRequest} is sent; zero: never
   * @param heartbeatRequest builds the heartbeat request (an OPTIONS frame)
   */
  BackendConnection(InetSocketAddress node, Duration requestTimeout, int maxStreamIds, Duration heartbeatInterval,
      Supplier<RawFrame> heartbeatRequest) {
    this.node = node;
    this.requestTimeout = requestTimeout;
    this.requestTimeoutNanos = requestTimeout.toNanos();
    this.heartbeatNanos = heartbeatInterval.toNanos();
    this.heartbeatRequest = heartbeatRequest;
    this.streamIds = new StreamIdPool(maxStreamIds);
    int ids = Math.min(maxStreamIds, StreamIdPool.MAX_STREAM_IDS);
    this.pending = new ResponseCallback[ids];
    this.deadlines = new long[ids];
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
    FutureResponse response = new FutureResponse();
    send(request, response);
    return response;
  }

  /**
   * Sends a request frame (taking over its reference); {@code callback} gets the answer on this connection's
   * event loop. Safe from any thread.
   */
  public void send(RawFrame request, ResponseCallback callback) {
    if (channel.eventLoop().inEventLoop()) {
      write(request, callback);
    } else {
      channel.eventLoop().execute(() -> write(request, callback));
    }
  }

  public void close() {
    if (channel != null) {
      channel.close();
    }
  }

  private void write(RawFrame request, ResponseCallback response) {
    if (!channel.isActive()) {
      request.release();
      fail(response, new BackendConnectionLostException("The connection to " + node + " is closed"));
      return;
    }
    int streamId = streamIds.acquire();
    if (streamId < 0) {
      request.release();
      fail(response, new BackendBusyException("All stream ids to " + node + " are in use"));
      return;
    }
    long now = System.nanoTime();
    lastActivity = now;
    pending[streamId] = response;
    deadlines[streamId] = now + requestTimeoutNanos;
    pendingCount++;
    channel.writeAndFlush(request.withStreamId(streamId).buffer(), channel.voidPromise());
  }

  /** Every few milliseconds: fails the requests past their deadline, sends a heartbeat on an idle connection. */
  private void check() {
    long now = System.nanoTime();
    if (pendingCount > 0) {
      for (int streamId = 0; streamId < pending.length; streamId++) {
        ResponseCallback response = pending[streamId];
        if (response != null && now - deadlines[streamId] >= 0) {
          // the id stays taken: a late answer must not be mistaken for the next request's
          pending[streamId] = null;
          pendingCount--;
          fail(response, new BackendTimeoutException(
              node + " did not answer within " + requestTimeout.toMillis() + " ms"));
        }
      }
    }
    if (heartbeatNanos > 0 && now - lastActivity >= heartbeatNanos) {
      send(heartbeatRequest.get()).whenComplete((answer, error) -> {
        if (answer != null) {
          answer.release();
        } else {
          LOG.debug("Closing the connection to {}: its heartbeat failed: {}", node, error.toString());
          close();
        }
      });
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.channel = context.channel();
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    lastActivity = System.nanoTime();
    long interval = Math.max(MIN_CHECK_NANOS, Math.min(MAX_CHECK_NANOS, requestTimeoutNanos / 20));
    if (heartbeatNanos > 0) {
      interval = Math.min(interval, Math.max(MIN_CHECK_NANOS, heartbeatNanos / 4));
    }
    checks = context.executor().scheduleAtFixedRate(this::check, interval, interval, TimeUnit.NANOSECONDS);
    context.fireChannelActive();
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
    ResponseCallback answered = streamId >= 0 && streamId < pending.length ? pending[streamId] : null;
    streamIds.release(streamId);
    if (answered == null) {
      LOG.trace("Dropping a late response on stream {} from {}", streamId, node);
      frame.release();
      return;
    }
    pending[streamId] = null;
    pendingCount--;
    try {
      answered.answered(frame);
    } catch (RuntimeException e) {
      // the caller's bug must not close a connection other requests share
      LOG.warn("Handling the answer on stream {} from {} failed", streamId, node, e);
    }
  }

  private void fail(ResponseCallback callback, Throwable error) {
    try {
      callback.failed(error);
    } catch (RuntimeException e) {
      LOG.warn("Handling a failed request to {} failed", node, e);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    lastActivity = System.nanoTime();
    context.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    if (checks != null) {
      checks.cancel(false);
    }
    BackendConnectionLostException lost =
        BackendConnectionLostException.afterSending("The connection to " + node + " closed");
    for (int streamId = 0; streamId < pending.length && pendingCount > 0; streamId++) {
      ResponseCallback waiting = pending[streamId];
      if (waiting != null) {
        pending[streamId] = null;
        pendingCount--;
        fail(waiting, lost);
      }
    }
    closed.complete(null);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    LOG.debug("Closing the connection to {}: {}", node, cause.toString());
    context.close();
  }

  /** The answer as a future, for the callers that compose stages (handshakes, prepares, writes). */
  private static final class FutureResponse extends CompletableFuture<RawFrame> implements ResponseCallback {
    @Override
    public void answered(RawFrame response) {
      if (!complete(response)) {
        response.release();
      }
    }

    @Override
    public void failed(Throwable error) {
      completeExceptionally(error);
    }
  }
}
