package io.tandem.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingOptionsTest {

  private final Logger tandem = (Logger) LoggerFactory.getLogger("io.tandem");
  private final Level before = tandem.getLevel();

  @AfterEach
  void restoreLevel() {
    tandem.setLevel(before);
  }

  @Test
  void should_log_tandem_debug_lines_with_debug() {
    TandemValidatorCli.commandLine().parseArgs("copy", "--source", "127.0.0.1", "--target", "127.0.0.2", "-k", "ks",
        "--debug");

    assertThat(tandem.getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void should_leave_the_levels_alone_without_debug() {
    TandemValidatorCli.commandLine().parseArgs("count", "--source", "127.0.0.1", "--target", "127.0.0.2", "-k", "ks");

    assertThat(tandem.getLevel()).isEqualTo(before);
  }

  @Test
  void should_ship_a_configuration_logging_warnings_to_standard_error() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);

    configurator.doConfigure(getClass().getClassLoader().getResource(TandemValidatorCli.LOGBACK_CONFIGURATION));

    assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(status -> status.getLevel() >= Status.WARN);
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
        appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
    context.stop();
  }
}
