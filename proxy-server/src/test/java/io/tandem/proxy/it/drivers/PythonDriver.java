package io.tandem.proxy.it.drivers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The DataStax Python driver (Debian's {@code python3-cassandra}), run by {@code /usr/bin/python3} unless the
 * system property {@code tandem.drivers.python} names another interpreter.
 */
final class PythonDriver implements DriverRuntime {

  private final String python;

  PythonDriver() {
    this(System.getProperty("tandem.drivers.python", "/usr/bin/python3"));
  }

  PythonDriver(String python) {
    this.python = python;
  }

  @Override
  public void prepare(Path buildDirectory) {
    String problem;
    try {
      ScriptRun check = ScriptRun.run(new ProcessBuilder(python, "-c", "import cassandra"), Duration.ofSeconds(30),
          buildDirectory.resolve("driver-runs"), "python-check");
      problem = check.succeeded() ? null : check.describe();
    } catch (IOException e) {
      problem = e.getMessage();
    }
    if (problem != null) {
      throw new IllegalStateException("The Python driver tests need " + python + " with the DataStax Python driver: "
          + "install it with `apt-get install python3-cassandra` (Debian, Ubuntu), or `pip install cassandra-driver` "
          + "and give that interpreter with -Dtandem.drivers.python=PATH. Found: " + problem);
    }
  }

  @Override
  public ProcessBuilder command(Path script, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(python, script.toString()));
    command.addAll(arguments);
    return new ProcessBuilder(command);
  }

  @Override
  public String script() {
    return "through_proxy.py";
  }
}
