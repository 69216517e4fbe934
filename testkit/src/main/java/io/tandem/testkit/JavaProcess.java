package io.tandem.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Java main class run in a JVM of its own on the test's class path, for tests that kill a process ({@code kill
 * -9}) and start it again: its standard output is collected line by line, its standard error goes to a file.
 * Closing kills it if it still runs.
 */
public final class JavaProcess implements AutoCloseable {

  private final Process process;
  private final Path errors;
  private final List<String> lines = new ArrayList<>();

  private JavaProcess(Process process, Path errors) {
    this.process = process;
    this.errors = errors;
    Thread reader = new Thread(this::collectOutput, "java-process-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass} with {@code arguments}; its standard error goes to {@code errors}.
   *
   * @param jvmOptions JVM options before the class path, such as {@code -Xmx256m}
   */
  public static JavaProcess start(Class<?> mainClass, List<String> jvmOptions, List<String> arguments, Path errors) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath(), mainClass.getName()));
    command.addAll(arguments);
    try {
      Files.createDirectories(errors.toAbsolutePath().getParent());
      return new JavaProcess(new ProcessBuilder(command).redirectError(errors.toFile()).start(), errors);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a JVM for " + mainClass.getName(), e);
    }
  }

  /** The test's class path: surefire's full one when it runs the tests from a manifest-only jar. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  public long pid() {
    return process.pid();
  }

  /** The lines printed so far. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Waits until {@code count} printed lines match; fails naming the standard error file when it exits first. */
  public void awaitLines(Predicate<String> matching, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (lines.stream().filter(matching).count() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && lines.stream().filter(matching).count() < count)) {
          throw new IllegalStateException("Expected " + count + " matching lines from pid " + pid() + ", got "
              + lines.stream().filter(matching).count() + (process.isAlive() ? "" : " (it exited)")
              + "; its standard error: " + errors);
        }
        try {
          wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** Waits for the process to exit by itself; returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("pid " + pid() + " still runs after " + timeout + "; its standard error: "
            + errors);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code kill -9}, and waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void collectOutput() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    synchronized (this) {
      notifyAll();
    }
  }
}
