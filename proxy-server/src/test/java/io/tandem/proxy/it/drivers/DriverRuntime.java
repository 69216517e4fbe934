package io.tandem.proxy.it.drivers;

import java.nio.file.Path;
import java.util.List;

/** A driver in another language, and how its script is started. */
interface DriverRuntime {

  /**
   * Checks that the language and its driver are there (installing the driver where it is fetched at test time,
   * under {@code buildDirectory}); fails with what to install when they are not.
   */
  void prepare(Path buildDirectory);

  /** The process that runs {@code script} with {@code arguments}. */
  ProcessBuilder command(Path script, List<String> arguments);

  /** The script's file name under {@code drivers/} in the test resources. */
  String script();
}
