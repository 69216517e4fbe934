package io.tandem.proxy.internal.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compression algorithms the proxy offers clients: {@code lz4} always, {@code snappy} when snappy-java's
 * native library loads on this platform. Probed once, on first use.
 */
public final class BodyCompressors {

  private static final Logger LOG = LoggerFactory.getLogger(BodyCompressors.class);
  private static volatile Map<String, BodyCompressor> available;

  private BodyCompressors() {}

  /** The compressor for a STARTUP's {@code COMPRESSION} value (any case), if the proxy offers it. */
  public static Optional<BodyCompressor> forName(String algorithm) {
    return Optional.ofNullable(available().get(algorithm.trim().toLowerCase(Locale.ROOT)));
  }

  /** Those of {@code configured} that load here, in the same order: what SUPPORTED lists. */
  public static List<String> offered(List<String> configured) {
    return configured.stream().filter(name -> forName(name).isPresent()).toList();
  }

  private static Map<String, BodyCompressor> available() {
    Map<String, BodyCompressor> known = available;
    if (known == null) {
      known = Stream.of(probe("lz4", Lz4BodyCompressor::new), probe("snappy", SnappyBodyCompressor::new))
          .flatMap(Optional::stream).collect(Collectors.toUnmodifiableMap(BodyCompressor::algorithm, c -> c));
      available = known;
    }
    return known;
  }

  /** Loads an algorithm and runs one round trip, so a missing native library shows here, not on a client. */
  private static Optional<BodyCompressor> probe(String name, Supplier<BodyCompressor> factory) {
    try {
      BodyCompressor compressor = factory.get();
      ByteBuf sample = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 1, 2, 3});
      ByteBuf compressed = compressor.compress(sample, UnpooledByteBufAllocator.DEFAULT);
      compressor.decompress(compressed, sample.readableBytes(), UnpooledByteBufAllocator.DEFAULT).release();
      compressed.release();
      return Optional.of(compressor);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("{} compression is not available to clients: {}", name, e.toString());
      return Optional.empty();
    }
  }
}
