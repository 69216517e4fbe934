package io.tandem.validator.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * How much the command line logs, shared by every subcommand. By default only warnings and errors, on standard
 * error ({@code tandem-validator-logback.xml}); {@code --debug} adds Tandem's DEBUG lines (which range is
 * copied or retried, and why).
 */
public final class LoggingOptions {

  private static final String TANDEM_LOGGERS = "io.tandem";

  @Option(names = "--debug", description = "Also log Tandem's DEBUG lines, on standard error (default: warnings "
      + "and errors only).")
  void debug(boolean debug) {
    if (debug) {
      enableDebug();
    }
  }

  /**
   * Sets the {@code io.tandem} loggers to DEBUG when Logback is the SLF4J backend (it is in the runnable jar; it
   * is an optional dependency, hence reflection). With another backend it does nothing.
   */
  static void enableDebug() {
    Logger tandem = LoggerFactory.getLogger(TANDEM_LOGGERS);
    if (!tandem.getClass().getName().equals("ch.qos.logback.classic.Logger")) {
      return;
    }
    try {
      Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, tandem.getClass().getClassLoader());
      tandem.getClass().getMethod("setLevel", level).invoke(tandem, level.getField("DEBUG").get(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      LoggerFactory.getLogger(LoggingOptions.class).warn("--debug: could not set the log level to DEBUG ({})", e.toString());
    }
  }
}
