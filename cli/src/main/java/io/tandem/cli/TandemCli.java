package io.tandem.cli;

import io.tandem.cli.control.ControlConnectionOptions;
import io.tandem.cli.control.ControlPlaneFactory;
import io.tandem.cli.migrate.MigrateCommand;
import io.tandem.cli.recording.MigrationCopyCommand;
import io.tandem.cli.recording.MigrationValidateCommand;
import io.tandem.validator.cli.CountCommand;
import io.tandem.validator.cli.RepairCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tandem}: the operator's one command. {@code tandem migrate ...} moves a migration through its phases
 * in the control store; {@code count}, {@code copy}, {@code validate} and {@code repair} are the validator's
 * ({@code tandem-validator} keeps working as an alias), {@code copy} and {@code validate} recording their outcome
 * in a migration with {@code --migration ID}. Exit codes: {@link ExitCodes}.
 *
 * <p>Results go to standard output; log lines (warnings and errors, {@code --debug} for more) to standard error,
 * as {@value #LOGBACK_CONFIGURATION} says unless {@code -Dlogback.configurationFile} names another.
 */
@Command(name = "tandem", mixinStandardHelpOptions = true, version = "Tandem 0.1.0",
    subcommands = {MigrateCommand.class, CountCommand.class, MigrationCopyCommand.class,
        MigrationValidateCommand.class, RepairCommand.class},
    description = "Live Cassandra migration: move a migration through its phases, copy history, validate and "
        + "repair.")
public final class TandemCli implements Runnable {

  /** The command line's Logback configuration, a resource of the jar. */
  static final String LOGBACK_CONFIGURATION = "tandem-logback.xml";

  public static void main(String[] args) {
    // before the first logger exists; only here, so tests using these classes keep their own configuration
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line, reaching the control store on Cassandra. */
  public static CommandLine commandLine() {
    return commandLine(ControlPlaneFactory.cassandra());
  }

  /**
   * The command line, reaching the control store through {@code planes} (tests give a fake one). Every error is
   * one line on standard error naming the problem, with the exit code of {@link ExitCodes}.
   */
  public static CommandLine commandLine(ControlPlaneFactory planes) {
    CommandLine commandLine = new CommandLine(new TandemCli(), new Factory(planes));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler((error, args) -> {
      CommandLine line = error.getCommandLine();
      line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + error.getMessage()
          + " (see " + line.getCommandSpec().qualifiedName() + " --help)");
      return ExitCodes.BAD_INPUT;
    });
    commandLine.setExecutionExceptionHandler((error, line, parseResult) -> {
      LoggerFactory.getLogger(TandemCli.class).debug("The command failed", error);
      Throwable shown = error.getMessage() == null && error.getCause() != null ? error.getCause() : error;
      line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + shown.getMessage());
      return ExitCodes.of(error);
    });
    addFooter(commandLine);
    return commandLine;
  }

  private static void addFooter(CommandLine line) {
    line.getCommandSpec().usageMessage().footer(ExitCodes.HELP_FOOTER);
    line.getSubcommands().values().forEach(TandemCli::addFooter);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Gives every {@link ControlConnectionOptions} the factory of control planes; the rest as picocli does. */
  private record Factory(ControlPlaneFactory planes) implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ControlConnectionOptions.class) {
        return type.cast(new ControlConnectionOptions(planes));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
