package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.Compressor;
import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.ProtocolConstants.ErrorCode;
import com.datastax.oss.protocol.internal.ProtocolConstants.Opcode;
import com.datastax.oss.protocol.internal.request.AuthResponse;
import com.datastax.oss.protocol.internal.request.Register;
import com.datastax.oss.protocol.internal.request.Startup;
import com.datastax.oss.protocol.internal.response.event.SchemaChangeEvent;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.tandem.core.api.Side;
import io.tandem.proxy.internal.backend.BackendConnectionLostException;
import io.tandem.proxy.internal.compression.BodyCompressor;
import io.tandem.proxy.internal.compression.BodyCompressors;
import io.tandem.proxy.internal.compression.FrameCompressionHandler;
import io.tandem.proxy.internal.compression.Lz4SegmentCompressor;
import io.tandem.proxy.internal.frame.MalformedFrameException;
import io.tandem.proxy.internal.frame.MalformedFrameException.Kind;
import io.tandem.proxy.internal.frame.RawFrame;
import io.tandem.proxy.internal.frame.SegmentFraming;
import io.tandem.proxy.internal.session.ClientCredentials;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: checks each frame's version, relays the client's handshake (OPTIONS, STARTUP,
 * AUTH_RESPONSE) to the primary cluster, routes REGISTER to the read side and hands queries to the {@link
 * FrameRouter}. A protocol v5 connection moves to segments once the READY or AUTHENTICATE answering its
 * STARTUP is written. A frame it cannot accept is answered with a protocol error and the connection is closed;
 * other connections never notice.
 */
public final class ClientConnection extends ChannelInboundHandlerAdapter implements ClientResponder {

  private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
  private static final String SEGMENT_COMPRESSION = "lz4";

  private final ProxyContext context;
  private final Map<Side, ClusterLink> links = new EnumMap<>(Side.class);
  private Channel channel;
  private ClientState state;
  private Side handshakeSide;
  private FrameRouter router;
  private boolean ready;
  private boolean relayOpened;
  private Compressor<ByteBuf> segmentCompressor = Compressor.none();

  public ClientConnection(ProxyContext context) {
    this.context = context;
  }

  @Override
  public void channelActive(ChannelHandlerContext channelContext) {
    channel = channelContext.channel();
    state = new ClientState((InetSocketAddress) channel.localAddress());
    for (Side side : Side.values()) {
      links.put(side, new ClusterLink(side, context, channel.eventLoop(), state));
    }
    handshakeSide = context.engine().control().state().primary();
    router = new FrameRouter(context, state, links, this);
    context.metrics().connectionOpened();
    LOG.debug("Client {} connected to {}", channel.remoteAddress(), channel.localAddress());
    channelContext.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext channelContext) {
    links.values().forEach(ClusterLink::close);
    context.metrics().connectionClosed();
    LOG.debug("Client {} disconnected", channel.remoteAddress());
  }

  @Override
  public void channelRead(ChannelHandlerContext channelContext, Object message) {
    RawFrame frame = (RawFrame) message;
    try {
      handle(frame);
    } catch (MalformedFrameException e) {
      frame.release();
      reject(e);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext channelContext, Throwable cause) {
    Throwable problem = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (problem instanceof MalformedFrameException malformed) {
      reject(malformed);
    } else {
      LOG.debug("Closing client connection {}: {}", channel.remoteAddress(), problem.toString());
      channelContext.close();
    }
  }

  @Override
  public void respond(int streamId, RawFrame response) {
    context.requestFinished();
    channel.writeAndFlush(response.withStreamId(streamId).buffer(), channel.voidPromise());
  }

  @Override
  public void fail(int streamId, Throwable failure) {
    Throwable cause = ErrorResponses.unwrap(failure);
    if (cause instanceof ErrorResponseException refused) {
      respond(streamId, refused.response());
      return;
    }
    ErrorResponses.ErrorAnswer answer = ErrorResponses.answerFor(cause);
    context.metrics().error(answer.cause());
    LOG.debug("Answering stream {} of {} with error 0x{}: {}", streamId, channel.remoteAddress(),
        Integer.toHexString(answer.code()), answer.message());
    respond(streamId, context.codecs().error(state.version(), streamId, answer.code(), answer.message()));
  }

  private void handle(RawFrame frame) {
    if (frame.isResponse()) {
      throw new MalformedFrameException(frame.version(), frame.streamId(), Kind.UNEXPECTED_OPCODE,
          "A client sent a response frame (opcode 0x" + Integer.toHexString(frame.opcode()) + ")");
    }
    if (!context.offers(frame.version())) {
      negotiateDown(frame);
      return;
    }
    if (state.version() == 0) {
      state.version(frame.version());
    } else if (frame.version() != state.version()) {
      throw new MalformedFrameException(state.version(), frame.streamId(), Kind.UNSUPPORTED_VERSION,
          "Protocol version " + frame.version() + " on a connection that started with v" + state.version());
    }
    context.requestStarted();
    try {
      dispatch(frame);
    } catch (MalformedFrameException e) {
      // never answered: the connection is closed with a protocol error instead
      context.requestFinished();
      throw e;
    }
  }

  /** Sends a counted request where its opcode goes; a frame that cannot be decoded is left to the caller. */
  private void dispatch(RawFrame frame) {
    if (context.isDraining()) {
      context.metrics().rejected("draining");
      int streamId = frame.streamId();
      frame.release();
      fail(streamId, new BackendConnectionLostException("the proxy is shutting down, retry on another host"));
      return;
    }
    switch (frame.opcode()) {
      case Opcode.OPTIONS -> relay(handshakeSide, frame, "handshake");
      case Opcode.STARTUP -> startup(frame);
      case Opcode.AUTH_RESPONSE -> authResponse(frame);
      case Opcode.REGISTER -> register(frame);
      case Opcode.QUERY, Opcode.PREPARE, Opcode.EXECUTE, Opcode.BATCH -> {
        if (ready) {
          router.route(frame);
        } else {
          relay(handshakeSide, frame, "handshake");
        }
      }
      default -> throw new MalformedFrameException(frame.version(), frame.streamId(), Kind.UNEXPECTED_OPCODE,
          "Unexpected opcode 0x" + Integer.toHexString(frame.opcode()) + " in a request");
    }
  }

  /**
   * Compression is between the client and the proxy only: the STARTUP relayed to the cluster asks for none,
   * and from here on {@link FrameCompressionHandler} compresses and uncompresses this client's frames (v3/v4),
   * or the v5 segments are LZ4-compressed once the handshake is over.
   */
  private void startup(RawFrame frame) {
    Startup startup = (Startup) context.codecs().decodeRequest(frame).message;
    String algorithm = startup.options.get(Startup.COMPRESSION_KEY);
    if (algorithm == null) {
      state.startupOptions(startup.options);
      relay(handshakeSide, frame, "handshake");
      return;
    }
    int streamId = frame.streamId();
    frame.release();
    Optional<BodyCompressor> compressor = context.config().compression().contains(algorithm.toLowerCase(Locale.ROOT))
        ? BodyCompressors.forName(algorithm) : Optional.empty();
    if (compressor.isEmpty()) {
      context.metrics().rejected("compression");
      respond(streamId, context.codecs().error(state.version(), streamId, ErrorCode.PROTOCOL_ERROR,
          "The Tandem proxy does not offer " + algorithm + " compression (it offers "
              + offeredCompression() + "): connect with one of those or without compression"));
      return;
    }
    if (SegmentFraming.appliesTo(state.version()) && !compressor.get().algorithm().equals(SEGMENT_COMPRESSION)) {
      negotiateDownForCompression(streamId, compressor.get().algorithm());
      return;
    }
    Map<String, String> options = new HashMap<>(startup.options);
    options.remove(Startup.COMPRESSION_KEY);
    state.startupOptions(options);
    if (SegmentFraming.appliesTo(state.version())) {
      segmentCompressor = new Lz4SegmentCompressor(channel.alloc());
    } else {
      channel.pipeline().get(FrameCompressionHandler.class).use(compressor.get());
    }
    LOG.debug("Client {} uses {} compression", channel.remoteAddress(), compressor.get().algorithm());
    relay(handshakeSide, context.codecs().request(state.version(), streamId, new Startup(options)), "handshake");
  }

  /**
   * Protocol v5 compresses segments with LZ4 only (Cassandra refuses Snappy with v5): the client is told v5 is
   * not available with its algorithm, in the words drivers recognise, so that they retry with v4.
   */
  private void negotiateDownForCompression(int streamId, String algorithm) {
    context.metrics().rejected("unsupported_version");
    LOG.debug("Client {} asked for protocol v{} with {} compression: negotiating down", channel.remoteAddress(),
        state.version(), algorithm);
    respond(streamId, context.codecs().error(state.version(), streamId, ErrorCode.PROTOCOL_ERROR,
        "Invalid or unsupported protocol version (" + state.version() + ") with " + algorithm + " compression: v5 "
            + "compresses with " + SEGMENT_COMPRESSION + " only; supported versions with " + algorithm + " are ("
            + supportedVersions(SegmentFraming.FIRST_VERSION - 1) + ")"));
  }

  private String offeredCompression() {
    List<String> offered = BodyCompressors.offered(context.config().compression());
    return offered.isEmpty() ? "none" : String.join(", ", offered);
  }

  private void authResponse(RawFrame frame) {
    AuthResponse response = (AuthResponse) context.codecs().decodeRequest(frame).message;
    if (state.authToken() == null && response.token != null) {
      byte[] token = new byte[response.token.remaining()];
      response.token.duplicate().get(token);
      state.authToken(token);
    }
    relay(handshakeSide, frame, "handshake");
  }

  private void register(RawFrame frame) {
    Register register = (Register) context.codecs().decodeRequest(frame).message;
    ClusterLink events = links.get(context.engine().control().state().readSide());
    events.onEvent(register.eventTypes, this::forwardEvent);
    relay(events.side(), frame, "register");
  }

  /** Only schema changes reach clients: status and topology events name real nodes the client must not use. */
  private void forwardEvent(RawFrame event) {
    Frame decoded;
    try {
      decoded = context.codecs().decodeResponse(event);
    } catch (MalformedFrameException e) {
      event.release();
      return;
    }
    if (decoded.message instanceof SchemaChangeEvent) {
      channel.writeAndFlush(event.buffer(), channel.voidPromise());
    } else {
      event.release();
    }
  }

  /** Forwards a frame as it is to one cluster; the answer goes back as it is, READY/AUTH_SUCCESS noted. */
  private void relay(Side side, RawFrame frame, String route) {
    context.metrics().request(route);
    int streamId = frame.streamId();
    ClusterLink link = links.get(side);
    if (!ready && !link.isConnected() && side == handshakeSide && !relayOpened) {
      relayOpened = true;
      link.openForRelay();
    }
    link.send(frame).whenComplete((response, error) -> {
      if (error != null) {
        fail(streamId, error);
        return;
      }
      boolean endsHandshake = SegmentFraming.startsAfter(response, channel);
      respond(streamId, adapt(response));
      if (endsHandshake) {
        startSegments();
      }
    });
  }

  /** The READY or AUTHENTICATE that ends a v5 handshake has been written unframed: segments from now on. */
  private void startSegments() {
    if (!channel.eventLoop().inEventLoop()) {
      channel.eventLoop().execute(this::startSegments);
      return;
    }
    SegmentFraming.start(channel, state.version(), segmentCompressor);
    LOG.debug("Client {} uses protocol v{} segments ({})", channel.remoteAddress(), state.version(),
        segmentCompressor.algorithm() == null ? "uncompressed" : segmentCompressor.algorithm());
  }

  private RawFrame adapt(RawFrame response) {
    return switch (response.opcode()) {
      case Opcode.READY -> {
        ready = true;
        yield response;
      }
      case Opcode.AUTH_SUCCESS -> {
        ready = true;
        ClientCredentials.fromPlainToken(state.authToken()).ifPresent(credentials -> {
          state.login(credentials.username());
          context.loggedIn(credentials);
        });
        yield response;
      }
      case Opcode.SUPPORTED -> SupportedOptions.rewrite(context, response);
      default -> response;
    };
  }

  private void negotiateDown(RawFrame frame) {
    int answerVersion = Math.min(Math.max(frame.version(), 3), context.maxProtocolVersion());
    String supported = supportedVersions(context.maxProtocolVersion());
    context.metrics().rejected("unsupported_version");
    LOG.debug("Client {} asked for protocol v{}: negotiating down", channel.remoteAddress(), frame.version());
    int streamId = frame.streamId();
    frame.release();
    channel.writeAndFlush(context.codecs().error(answerVersion, streamId, ErrorCode.PROTOCOL_ERROR,
        "Invalid or unsupported protocol version (" + frame.version() + "); supported versions are (" + supported
            + ")").buffer(), channel.voidPromise());
  }

  /** The versions offered up to {@code highest}, as Cassandra lists them: {@code 3/v3, 4/v4}. */
  private String supportedVersions(int highest) {
    return context.protocolVersions().stream().filter(version -> version <= highest)
        .map(version -> version + "/v" + version).collect(Collectors.joining(", "));
  }

  private void reject(MalformedFrameException problem) {
    context.metrics().rejected(problem.kind().name().toLowerCase());
    LOG.debug("Closing client connection {}: {}", channel.remoteAddress(), problem.getMessage());
    int version = context.protocolVersions().contains(problem.version()) ? problem.version()
        : context.maxProtocolVersion();
    channel.writeAndFlush(context.codecs().error(version, problem.streamId(), ErrorCode.PROTOCOL_ERROR,
        problem.getMessage()).buffer()).addListener(ChannelFutureListener.CLOSE);
  }
}
