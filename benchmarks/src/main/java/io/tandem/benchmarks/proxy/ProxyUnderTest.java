package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.MirrorMeters;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A Tandem proxy started for one scenario, in the harness's JVM ({@link InProcessProxy}) or in a JVM of its own
 * ({@link ProxyProcess}), with the {@link MirrorMeters} of its engine. Closing it stops the proxy.
 */
public interface ProxyUnderTest extends AutoCloseable {

  /** Where clients connect. */
  InetSocketAddress address();

  MirrorMeters meters();

  /** Writes go to the primary only from now on (pass-through). */
  void stopMirroring();

  /** The proxy's migration state in words, for the results. */
  String state();

  /** The proxy's own JVM, or empty when it runs in the harness's. */
  Optional<ProxyProcess> process();

  @Override
  void close();
}
