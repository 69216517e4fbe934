package io.tandem.proxy.internal.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The meters of the proxy's JVM and process, from Micrometer's binders: heap and non-heap pools and buffer
 * pools ({@code jvm.memory.*}, {@code jvm.buffer.*}), garbage collection ({@code jvm.gc.*}), threads, loaded
 * classes, the Java version ({@code jvm.info}), CPU time and usage ({@code process.cpu.*}, {@code system.*}),
 * uptime and open files ({@code process.*}). Bound to the proxy's own registry only: a proxy always creates
 * its registry ({@link io.tandem.proxy.api.ProxyConfig} takes none), so nothing is registered twice on a
 * registry of the application's. Several proxies in one JVM each show that JVM's figures. Closing removes the
 * garbage-collection listeners; the meters stay registered.
 */
public final class JvmMetrics implements AutoCloseable {

  private final JvmGcMetrics garbageCollection;

  private JvmMetrics(JvmGcMetrics garbageCollection) {
    this.garbageCollection = garbageCollection;
  }

  /** Registers the JVM and process meters on {@code registry}. */
  public static JvmMetrics bindTo(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics garbageCollection = new JvmGcMetrics();
    garbageCollection.bindTo(registry);
    return new JvmMetrics(garbageCollection);
  }

  @Override
  public void close() {
    garbageCollection.close();
  }

  @Override
  public String toString() {
    return "JVM metrics";
  }
}
