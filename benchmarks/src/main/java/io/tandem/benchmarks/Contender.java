package io.tandem.benchmarks;

/**
 * One side of a comparison: what it is called, the request it repeats, and what must happen after each
 * of its phases before the next phase may start.
 *
 * @param label how the results name it, for example {@code "plain CqlSession"}
 * @param operation the request it repeats
 * @param settler finishes what a phase left behind (mirrored writes still in flight, for example)
 */
public record Contender(String label, Operation operation, Settler settler) {

  /** Finishes the work a phase left behind; returns a note for the results, or null. */
  @FunctionalInterface
  public interface Settler {
    String settle() throws InterruptedException;
  }

  /** A contender that leaves nothing behind. */
  public static Contender of(String label, Operation operation) {
    return new Contender(label, operation, () -> null);
  }
}
