package io.tandem.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Builds a scenario from the sessions (and proxies) it opens, closing them should building it fail. */
public final class ScenarioResources {

  private ScenarioResources() {}

  /**
   * Calls {@code builder} with an empty list it adds what it opens to (see {@link #open}); the list becomes the
   * scenario's resources. If the builder fails, everything it opened is closed, last first.
   */
  public static <T> T build(Function<List<AutoCloseable>, T> builder) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      return builder.apply(opened);
    } catch (RuntimeException e) {
      for (int index = opened.size() - 1; index >= 0; index--) {
        try {
          opened.get(index).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** Adds {@code resource} to {@code opened} and returns it. */
  public static <T extends AutoCloseable> T open(List<AutoCloseable> opened, T resource) {
    opened.add(resource);
    return resource;
  }
}
