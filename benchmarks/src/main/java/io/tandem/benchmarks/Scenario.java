package io.tandem.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One comparison: a baseline and a candidate driven by the same load against the same clusters, and the
 * throughput ratio (candidate / baseline) the candidate should reach. Closing it closes the sessions it
 * opened.
 *
 * @param name short name, used on the command line ({@code --scenarios})
 * @param title heading in the results
 * @param description what is compared, in a sentence or two
 * @param goalRatio the lowest acceptable candidate / baseline throughput
 * @param findings facts gathered once the scenario ran (mirror outcomes, for example)
 * @param resources what to close afterwards, closed last to first
 */
public record Scenario(
    String name,
    String title,
    String description,
    double goalRatio,
    Contender baseline,
    Contender candidate,
    Supplier<List<String>> findings,
    List<AutoCloseable> resources)
    implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Scenario.class);

  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    Collections.reverse(reversed);
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing {} after scenario {} failed: {}", resource, name, e.toString());
      }
    }
  }
}
