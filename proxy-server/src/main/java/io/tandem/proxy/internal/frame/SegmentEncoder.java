package io.tandem.proxy.internal.frame;

import com.datastax.oss.protocol.internal.Segment;
import com.datastax.oss.protocol.internal.SegmentCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a connection's frames as protocol v5 segments (native_protocol_v5.spec, section 2) once {@link
 * #useSegments} was called; until then frames pass as they are (the handshake is not framed). Frames written
 * between two flushes share self-contained segments of up to 128 KiB; a larger frame is cut into segments
 * that are not self-contained. Each segment carries its header's CRC24 and its payload's CRC32. Confined to
 * the channel's event loop; placed before the flush consolidation, so that the answers to one batch of reads
 * share segments.
 */
public final class SegmentEncoder extends ChannelOutboundHandlerAdapter {

  private static final int MAX_PAYLOAD = Segment.MAX_PAYLOAD_LENGTH;

  private final List<ChannelPromise> promises = new ArrayList<>();
  private SegmentCodec<ByteBuf> codec;
  private CompositeByteBuf payload;

  /** From now on writes frames as segments in {@code codec}'s format; called on the channel's event loop. */
  public void useSegments(SegmentCodec<ByteBuf> codec) {
    if (this.codec == null) {
      this.codec = codec;
    }
  }

  /** Whether {@link #useSegments} was called. */
  public boolean usesSegments() {
    return codec != null;
  }

  @Override
  public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
    if (codec == null || !(message instanceof ByteBuf frame)) {
      context.write(message, promise);
      return;
    }
    int length = frame.readableBytes();
    if (length > MAX_PAYLOAD) {
      writePending(context);
      writeSlices(context, frame, promise);
      return;
    }
    if (payload != null && payload.readableBytes() + length > MAX_PAYLOAD) {
      writePending(context);
    }
    if (payload == null) {
      payload = context.alloc().compositeBuffer(Integer.MAX_VALUE);
    }
    payload.addComponent(true, frame);
    if (!promise.isVoid()) {
      promises.add(promise);
    }
  }

  @Override
  public void flush(ChannelHandlerContext context) {
    writePending(context);
    context.flush();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext context) {
    if (payload != null) {
      payload.release();
      payload = null;
      promises.forEach(promise -> promise.tryFailure(new ClosedChannelException()));
      promises.clear();
    }
  }

  /** The frames written since the last segment, as one self-contained segment. */
  private void writePending(ChannelHandlerContext context) {
    if (payload == null) {
      return;
    }
    ChannelPromise promise = promiseForAll(context);
    ByteBuf frames = payload;
    payload = null;
    writeSegment(context, frames, true, promise);
  }

  /** A frame over the payload limit, in consecutive segments that are not self-contained. */
  private void writeSlices(ChannelHandlerContext context, ByteBuf frame, ChannelPromise promise) {
    try {
      PromiseCombiner combiner = promise.isVoid() ? null : new PromiseCombiner(context.executor());
      int end = frame.writerIndex();
      for (int offset = frame.readerIndex(); offset < end; offset += MAX_PAYLOAD) {
        ChannelPromise written = combiner == null ? context.voidPromise() : context.newPromise();
        if (combiner != null) {
          combiner.add(written);
        }
        writeSegment(context, frame.retainedSlice(offset, Math.min(MAX_PAYLOAD, end - offset)), false, written);
      }
      if (combiner != null) {
        combiner.finish(promise);
      }
    } finally {
      frame.release();
    }
  }

  private void writeSegment(ChannelHandlerContext context, ByteBuf segmentPayload, boolean selfContained,
      ChannelPromise promise) {
    List<Object> parts = new ArrayList<>(3);
    codec.encode(new Segment<>(segmentPayload, selfContained), parts);
    CompositeByteBuf segment = context.alloc().compositeBuffer(parts.size());
    for (Object part : parts) {
      segment.addComponent(true, (ByteBuf) part);
    }
    context.write(segment, promise);
  }

  /** One promise completing those of every frame in the pending segment (the void promise if none waits). */
  private ChannelPromise promiseForAll(ChannelHandlerContext context) {
    if (promises.isEmpty()) {
      return context.voidPromise();
    }
    if (promises.size() == 1) {
      ChannelPromise single = promises.get(0);
      promises.clear();
      return single;
    }
    List<ChannelPromise> waiting = List.copyOf(promises);
    promises.clear();
    ChannelPromise all = context.newPromise();
    all.addListener(written -> waiting.forEach(promise -> {
      if (written.isSuccess()) {
        promise.trySuccess();
      } else {
        promise.tryFailure(written.cause());
      }
    }));
    return all;
  }
}
