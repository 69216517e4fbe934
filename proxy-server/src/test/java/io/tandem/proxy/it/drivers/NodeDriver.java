package io.tandem.proxy.it.drivers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The DataStax Node.js driver (npm {@code cassandra-driver} 4.x), run by {@code node} from the PATH; installed
 * with {@code npm} into {@code target/node-driver} on the first run, kept there for the next ones.
 */
final class NodeDriver implements DriverRuntime {

  private static final String PACKAGE = "cassandra-driver@4";
  private final String node;
  private final String npm;
  private Path modules;

  NodeDriver() {
    this("node", "npm");
  }

  /** With the commands that start Node.js and npm. */
  NodeDriver(String node, String npm) {
    this.node = node;
    this.npm = npm;
  }

  @Override
  public void prepare(Path buildDirectory) {
    Path logs = buildDirectory.resolve("driver-runs");
    Path home = buildDirectory.resolve("node-driver");
    modules = home.resolve("node_modules");
    require(new ProcessBuilder(node, "--version"), logs, "node-check", Duration.ofSeconds(30));
    if (!Files.exists(modules.resolve("cassandra-driver").resolve("package.json"))) {
      require(new ProcessBuilder(npm, "install", "--prefix", home.toString(), "--no-audit", "--no-fund",
          "--loglevel=error", PACKAGE), logs, "npm-install", Duration.ofMinutes(2));
    }
  }

  @Override
  public ProcessBuilder command(Path script, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(node, script.toString()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("NODE_PATH", modules.toString());
    return builder;
  }

  @Override
  public String script() {
    return "through_proxy.js";
  }

  private static void require(ProcessBuilder step, Path logs, String name, Duration timeout) {
    String problem;
    try {
      ScriptRun run = ScriptRun.run(step, timeout, logs, name);
      problem = run.succeeded() ? null : run.describe();
    } catch (IOException e) {
      problem = e.getMessage();
    }
    if (problem != null) {
      throw new IllegalStateException("The Node.js driver tests need Node.js 16+ with npm on the PATH (Debian: "
          + "`apt-get install nodejs npm`) and the npm registry to install " + PACKAGE + " into "
          + logs.resolveSibling("node-driver") + ". Failed: " + problem);
    }
  }
}
