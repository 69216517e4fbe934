package io.tandem.validator.internal.report;

import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.api.range.RangeListener;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar for a range run: share of the ring done, rows, rows/s and ETA. On a terminal it redraws
 * one line every second; otherwise (CI logs, pipes) it prints a line every {@code interval}.
 */
public final class ConsoleProgress implements RangeListener {

  private final PrintStream out;
  private final String label;
  private final boolean terminal;
  private final Duration interval;
  private final AtomicLong rows = new AtomicLong();
  private final Object lock = new Object();
  private BigInteger totalTokens = BigInteger.ONE;
  private BigInteger doneTokens = BigInteger.ZERO;
  private long startNanos;
  private ScheduledExecutorService ticker;

  public ConsoleProgress(PrintStream out, String label, boolean terminal, Duration interval) {
    this.out = out;
    this.label = label;
    this.terminal = terminal;
    this.interval = interval;
  }

  /** For the CLI: redraws when stdout is a terminal, else prints every 10 s. */
  public static ConsoleProgress forConsole(String label) {
    boolean terminal = System.console() != null;
    return new ConsoleProgress(System.out, label, terminal, terminal ? Duration.ofSeconds(1) : Duration.ofSeconds(10));
  }

  @Override
  public void started(List<TokenRange> ranges, BigInteger total) {
    synchronized (lock) {
      totalTokens = total.signum() > 0 ? total : BigInteger.ONE;
      startNanos = System.nanoTime();
    }
    ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tandem-progress");
      thread.setDaemon(true);
      return thread;
    });
    ticker.scheduleAtFixedRate(this::print, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void progressed(BigInteger tokens, long rowCount) {
    rows.addAndGet(rowCount);
    if (tokens.signum() > 0) {
      synchronized (lock) {
        doneTokens = doneTokens.add(tokens);
      }
    }
  }

  @Override
  public void finished() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    print();
    if (terminal) {
      out.println();
    }
  }

  /** The line the bar shows now, e.g. {@code copy ks.t [#####.....] 50.0% 1,000 rows 500 rows/s ETA 0:02}. */
  public String line() {
    double fraction;
    long elapsedNanos;
    synchronized (lock) {
      fraction = new BigDecimal(doneTokens).divide(new BigDecimal(totalTokens), MathContext.DECIMAL64).doubleValue();
      elapsedNanos = System.nanoTime() - startNanos;
    }
    fraction = Math.min(1.0, Math.max(0.0, fraction));
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    long rowCount = rows.get();
    int filled = (int) Math.round(fraction * 30);
    String eta = fraction > 0 && fraction < 1 ? clock((long) (seconds / fraction - seconds)) : fraction >= 1 ? "done" : "--:--";
    return String.format(Locale.ROOT, "%s [%s%s] %5.1f%% %,d rows %,.0f rows/s ETA %s", label, "#".repeat(filled),
        ".".repeat(30 - filled), fraction * 100, rowCount, rowCount / seconds, eta);
  }

  private void print() {
    if (terminal) {
      out.print("\r" + line());
      out.flush();
    } else {
      out.println(line());
    }
  }

  private static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
