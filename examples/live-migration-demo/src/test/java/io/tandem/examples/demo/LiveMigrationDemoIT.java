package io.tandem.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The README's main command in its short mode, on embedded clusters, through the in-process session and
 * through the proxy, so that the demo cannot rot: it must end with 0 application errors and 0 mismatches.
 */
class LiveMigrationDemoIT {

  @TempDir Path reports;

  @ParameterizedTest(name = "via proxy: {0}")
  @ValueSource(booleans = {false, true})
  void should_migrate_live_with_no_application_error_and_no_difference(boolean viaProxy) {
    String keyspace = viaProxy ? "demo_through_proxy" : "demo_through_session";
    String[] arguments = viaProxy
        ? new String[] {"--quick", "--via-proxy", "--keyspace", keyspace, "--report-dir", reports.toString()}
        : new String[] {"--quick", "--keyspace", keyspace, "--report-dir", reports.toString()};

    int exitCode = new CommandLine(new LiveMigrationDemo()).setCaseInsensitiveEnumValuesAllowed(true)
        .execute(arguments);

    assertThat(exitCode).as("the demo's exit code (its output above says which phase failed)").isZero();
  }
}
