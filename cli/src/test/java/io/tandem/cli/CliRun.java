package io.tandem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of {@code tandem} in the test's JVM: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun run(FakeControlPlanes planes, String... args) {
    CommandLine commandLine = TandemCli.commandLine(planes);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** Standard error's lines. */
  public String[] errLines() {
    return err.strip().split("\\R");
  }
}
