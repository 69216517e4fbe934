package io.tandem.proxy.it.drivers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of an outside program: its exit code, its stdout and stderr (kept in files, so a chatty
 * program never blocks on a full pipe), and whether it was stopped at its timeout.
 */
record ScriptRun(String command, int exitCode, boolean timedOut, Duration took, String stdout, String stderr) {

  /** Runs {@code builder}, killing it after {@code timeout}; its output goes to {@code logs}/{@code name}.out/.err. */
  static ScriptRun run(ProcessBuilder builder, Duration timeout, Path logs, String name) throws IOException {
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    long start = System.nanoTime();
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean finished = waitFor(process, timeout);
    if (!finished) {
      process.destroyForcibly();
      waitFor(process, Duration.ofSeconds(10));
    }
    return new ScriptRun(String.join(" ", builder.command()), finished ? process.exitValue() : -1, !finished,
        Duration.ofNanos(System.nanoTime() - start), Files.readString(out), Files.readString(err));
  }

  boolean succeeded() {
    return !timedOut && exitCode == 0;
  }

  /** What to show when a test about this run fails: the command, how it ended, and all it printed. */
  String describe() {
    String ending = timedOut ? "stopped after its timeout of " + took.toSeconds() + " s" : "exit code " + exitCode;
    return "`" + command + "` (" + ending + ")\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("Interrupted while waiting for " + process.info(), e));
    }
  }
}
