package io.tandem.benchmarks.bulk;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the heap that survives garbage collection (the sum of each heap pool's usage after its last
 * collection) during a phase and keeps the largest value: what the work really holds, not the garbage.
 */
final class HeapWatcher implements AutoCloseable {

  private final AtomicLong maxLiveBytes = new AtomicLong();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "heap-watcher");
    thread.setDaemon(true);
    return thread;
  });

  HeapWatcher start() {
    System.gc();
    maxLiveBytes.set(0);
    sampler.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    return this;
  }

  private void sample() {
    long live = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterCollection = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
        live += afterCollection.getUsed();
      }
    }
    maxLiveBytes.accumulateAndGet(live, Math::max);
  }

  /** The largest live heap seen, in MiB. */
  double maxLiveMebibytes() {
    sample();
    return maxLiveBytes.get() / (1024.0 * 1024.0);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
