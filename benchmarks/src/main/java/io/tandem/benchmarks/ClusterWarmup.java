package io.tandem.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes on both clusters with plain sessions before anything is measured, so their JIT is warm. */
public final class ClusterWarmup {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterWarmup.class);

  private ClusterWarmup() {}

  /** Half the time reads on the source, half writes to both, {@code concurrency} in flight; nothing is measured. */
  public static void run(CqlSession source, CqlSession target, BenchmarkSchema schema, Workloads workloads,
      int concurrency, Duration duration) throws InterruptedException {
    if (duration.isZero()) {
      return;
    }
    LOG.info("Warming up both clusters for {} s", duration.toSeconds());
    LoadRunner runner = new LoadRunner(concurrency);
    runner.run("cluster warmup reads", workloads.reads(source, source.prepare(schema.selectRow())),
        duration.dividedBy(2));
    runner.run("cluster warmup writes", workloads.writesToBoth(source, source.prepare(schema.insertRow()),
        target, target.prepare(schema.insertRow())), duration.dividedBy(2));
  }
}
