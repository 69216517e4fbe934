package io.tandem.validator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tandem-validator}: historical copy, counts, validation and repair between a source and a target
 * cluster. Run {@code java -jar tandem-validator.jar --help}, or {@code <subcommand> --help}.
 */
@Command(name = "tandem-validator", mixinStandardHelpOptions = true, version = "Tandem validator 0.1.0",
    subcommands = {CountCommand.class, CopyCommand.class, ValidateCommand.class, RepairCommand.class},
    description = "Copies history, validates and repairs Cassandra tables between two clusters while dual "
        + "writes run.")
public final class TandemValidatorCli implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Tandem's error handling: bad input prints one line naming the problem, exit 2. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TandemValidatorCli());
    commandLine.setExecutionExceptionHandler((error, line, parseResult) -> {
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
