package io.tandem.validator.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tandem-validator}: historical copy, counts, validation and repair between a source and a target
 * cluster. Run {@code java -jar tandem-validator.jar --help}, or {@code <subcommand> --help}.
 *
 * <p>Progress and results go to standard output; log lines (warnings and errors by default, {@code --debug} for
 * more) to standard error, as {@value #LOGBACK_CONFIGURATION} says unless {@code -Dlogback.configurationFile}
 * names another configuration.
 */
@Command(name = "tandem-validator", mixinStandardHelpOptions = true, version = "Tandem validator 0.1.0",
    subcommands = {CountCommand.class, CopyCommand.class, ValidateCommand.class, RepairCommand.class},
    description = "Copies history, validates and repairs Cassandra tables between two clusters while dual "
        + "writes run.")
public final class TandemValidatorCli implements Runnable {

  /** The command line's Logback configuration, a resource of the validator's jar. */
  static final String LOGBACK_CONFIGURATION = "tandem-validator-logback.xml";

  public static void main(String[] args) {
    // before the first logger exists; only here, so applications and tests using these classes keep their own
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line with Tandem's error handling: bad input prints one line naming the problem, exit 2. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TandemValidatorCli());
    commandLine.setExecutionExceptionHandler((error, line, parseResult) -> {
      LoggerFactory.getLogger(TandemValidatorCli.class).debug("The command failed", error);
      PrintWriter err = line.getErr();
      Throwable shown = error instanceof IllegalArgumentException || error instanceof IllegalStateException
          || error.getCause() == null ? error : error.getCause();
      err.println("tandem-validator: " + shown.getMessage());
      return error instanceof IllegalArgumentException || error instanceof IllegalStateException ? 2 : 3;
    });
    return commandLine;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
