package io.tandem.examples.copycli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One running command line: its output, line by line, handed on as it comes and kept; its exit status. */
final class CliProcess {

  /**
   * How a command line ended.
   *
   * @param exitStatus its exit status (137 after SIGKILL, 143 after SIGTERM)
   * @param output every line it printed, standard error included
   * @param duration from start to exit
   */
  record Result(int exitStatus, List<String> output, Duration duration) {}

  private final Process process;
  private final Thread reader;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final long startNanos = System.nanoTime();

  private CliProcess(Process process, Consumer<String> lines) {
    this.process = process;
    this.reader = new Thread(() -> read(lines), "copy-from-cli-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the process; its standard error must already be redirected to its standard output. */
  static CliProcess start(ProcessBuilder builder, Consumer<String> lines) {
    try {
      return new CliProcess(builder.start(), lines);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + builder.command().get(0), e);
    }
  }

  private void read(Consumer<String> lines) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
        lines.accept(line);
      }
    } catch (IOException closed) {
      // the process is gone
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Time since the start. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Waits for the process to end on its own, and for its last line of output. */
  Result awaitExit() throws InterruptedException {
    int status = process.waitFor();
    reader.join(TimeUnit.SECONDS.toMillis(5));
    return result(status);
  }

  /**
   * Stops the process with {@code signal} and waits up to {@code timeout} for it to end (then kills it). SIGTERM
   * goes through the process handle: {@code Process.destroy()} would also close the pipes, and lose what the
   * process prints on its way out.
   *
   * @return how it ended, with every line printed until the exit
   */
  Result stop(StopSignal signal, long timeout, TimeUnit unit) {
    if (signal == StopSignal.KILL) {
      process.destroyForcibly();
    } else {
      process.toHandle().destroy();
    }
    try {
      if (!process.waitFor(timeout, unit)) {
        process.destroyForcibly().waitFor();
      }
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    return result(process.isAlive() ? -1 : process.exitValue());
  }

  private Result result(int status) {
    synchronized (output) {
      return new Result(status, List.copyOf(output), elapsed());
    }
  }
}
