package io.tandem.examples.copycli;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs {@code tandem-validator} subcommands the way a user does, each in its own JVM: the validator's command
 * line ({@value #MAIN_CLASS}) on this example's class path, which holds what the fat jar
 * {@code validator/target/tandem-validator.jar} holds. Each command is printed first as its {@code java -jar}
 * equivalent, and its output is streamed to the console. {@link #close()} kills every child still running.
 */
final class ValidatorCli implements AutoCloseable {

  /** The command line's main class, the one the fat jar's manifest names. */
  static final String MAIN_CLASS = "io.tandem.validator.cli.TandemValidatorCli";
  /** How a user runs it from the repository root. */
  static final String JAR_COMMAND = "java -jar validator/target/tandem-validator.jar";
  /** Heap of each child JVM: the command line streams pages, it needs little. */
  private static final String CHILD_HEAP = "-Xmx512m";

  private final List<String> connection;
  private final StepLog log;
  private final Set<CliProcess> children = ConcurrentHashMap.newKeySet();

  /**
   * @param connection the options naming both clusters and the keyspace, given to every subcommand
   * @param log where commands and their output are printed
   */
  ValidatorCli(List<String> connection, StepLog log) {
    this.connection = List.copyOf(connection);
    this.log = log;
  }

  /** Starts {@code subcommand} with the connection options and {@code arguments}; does not wait. */
  CliProcess start(String subcommand, List<String> arguments) {
    List<String> cliArguments = new ArrayList<>();
    cliArguments.add(subcommand);
    cliArguments.addAll(connection);
    cliArguments.addAll(arguments);
    log.command(JAR_COMMAND + " " + String.join(" ", cliArguments));
    // the command line picks its own logging (warnings and errors on standard error), as the jar does
    List<String> command = new ArrayList<>(List.of(javaExecutable(), CHILD_HEAP, "-cp", childClassPath(),
        MAIN_CLASS));
    command.addAll(cliArguments);
    CliProcess child = CliProcess.start(new ProcessBuilder(command).redirectErrorStream(true), log::output);
    children.add(child);
    return child;
  }

  /** Runs {@code subcommand} to its end. */
  CliProcess.Result run(String subcommand, List<String> arguments) throws InterruptedException {
    CliProcess child = start(subcommand, arguments);
    try {
      return child.awaitExit();
    } finally {
      children.remove(child);
    }
  }

  /** Kills every child still running and waits for it; safe to call more than once. */
  @Override
  public void close() {
    for (CliProcess child : children) {
      if (child.isAlive()) {
        log.line("stopping a command line still running (pid %d)", child.pid());
        child.stop(StopSignal.KILL, 10, TimeUnit.SECONDS);
      }
    }
    children.clear();
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The class path this example runs with: the URLs of its class loader under {@code mvn exec:java} (whose
   * {@code java.class.path} is Maven's own), {@code java.class.path} otherwise (plain {@code java}, Surefire).
   */
  static String childClassPath() {
    ClassLoader loader = ValidatorCli.class.getClassLoader();
    if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
      return Stream.of(urls.getURLs()).map(ValidatorCli::toPath).collect(Collectors.joining(File.pathSeparator));
    }
    return System.getProperty("java.class.path");
  }

  private static String toPath(URL url) {
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Not a file on the class path: " + url, e);
    }
  }
}
