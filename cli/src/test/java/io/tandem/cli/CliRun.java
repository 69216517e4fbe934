package io.tandem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of {@code tandem} in the test's JVM: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {

  /** Runs {@code tandem args}, reaching real clusters. */
  public static CliRun run(String... args) {
    return run(TandemCli.commandLine(), args);
  }

  public static CliRun run(FakeControlPlanes planes, String... args) {
    return run(TandemCli.commandLine(planes), args);
  }

  private static CliRun run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** Standard output and error, one after the other (for assertion messages). */
  public String all() {
    return out + err;
  }

  /** Standard error's lines. */
  public String[] errLines() {
    return err.strip().split("\\R");
  }
}
