package io.tandem.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The README's main command in its short mode, on embedded clusters, through the in-process session and
 * through the proxy, so that the demo cannot rot: it must end with 0 application errors and 0 mismatches, having
 * driven its migration through every phase to DONE, each gate's verdict printed, and two steps refused by their
 * gates for real (before the copy, and with the drift found).
 */
class LiveMigrationDemoIT {

  @TempDir Path reports;

  @ParameterizedTest(name = "via proxy: {0}")
  @ValueSource(booleans = {false, true})
  void should_migrate_live_through_every_phase_with_no_application_error_and_no_difference(boolean viaProxy) {
    String keyspace = viaProxy ? "demo_through_proxy" : "demo_through_session";
    String[] arguments = viaProxy
        ? new String[] {"--quick", "--via-proxy", "--keyspace", keyspace, "--report-dir", reports.toString()}
        : new String[] {"--quick", "--keyspace", keyspace, "--report-dir", reports.toString()};
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream console = System.out;
    int exitCode;
    System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
    try {
      exitCode = new CommandLine(new LiveMigrationDemo()).setCaseInsensitiveEnumValuesAllowed(true)
          .execute(arguments);
    } finally {
      System.setOut(console);
    }
    String output = captured.toString(StandardCharsets.UTF_8);

    assertThat(exitCode).as("the demo's exit code (its output above says which phase failed)").isZero();
    assertThat(output)
        .contains("FAIL copy-finished: no copy recorded", "PASS copy-finished: all 2 table(s) copied")
        .contains("FAIL validation-clean:", "PASS validation-clean: all 2 table(s) validated clean")
        .contains("PASS instances-acknowledged: all 1 instances applied version")
        .contains("reads from the target, primary: target, mirroring: off")
        .containsPattern("Migration: +live-demo-[0-9-]+ reached DONE at version 8; 8 history entries, 0 forced");
  }

  /** Writes to the console and keeps a copy. */
  private static final class Tee extends OutputStream {
    private final OutputStream console;
    private final OutputStream copy;

    Tee(OutputStream console, OutputStream copy) {
      this.console = console;
      this.copy = copy;
    }

    @Override
    public void write(int b) throws IOException {
      console.write(b);
      copy.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      console.write(bytes, offset, length);
      copy.write(bytes, offset, length);
    }
  }
}
