package io.tandem.validator.internal.copy;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The writes one range has in flight: at most a fixed number, and the first failure among them. */
final class InFlightWrites {

  private final int capacity;
  private final Semaphore permits;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  InFlightWrites(int capacity) {
    this.capacity = capacity;
    this.permits = new Semaphore(capacity);
  }

  /** Starts a write once a slot is free (blocking until then). */
  void submit(Supplier<? extends CompletionStage<?>> write) throws InterruptedException {
    permits.acquire();
    try {
      write.get().whenComplete((result, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        }
        permits.release();
      });
    } catch (RuntimeException error) {
      permits.release();
      throw error;
    }
  }

  /** Waits until every submitted write has completed, then fails if any of them failed. */
  void drain() throws Exception {
    permits.acquire(capacity);
    permits.release(capacity);
    throwIfFailed();
  }

  /** Fails with the first write failure, if there was one. */
  void throwIfFailed() throws Exception {
    Throwable error = failure.get();
    if (error instanceof Exception exception) {
      throw new WriteFailedException(exception);
    }
    if (error != null) {
      throw new WriteFailedException(new RuntimeException(error));
    }
  }

  /** A target write failed after its retries: the range is retried from its last completed token. */
  static final class WriteFailedException extends Exception {
    WriteFailedException(Exception cause) {
      super("A target write failed after retries: " + cause, cause);
    }
  }
}
