package io.tandem.proxy.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --debug}: sets the root log level to DEBUG when Logback is the SLF4J backend (it is in the runnable
 * jar; it is only a runtime dependency, hence reflection). With another backend the flag does nothing.
 */
final class DebugLogging {

  private static final Logger LOG = LoggerFactory.getLogger(DebugLogging.class);

  private DebugLogging() {}

  static void enable() {
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (!root.getClass().getName().equals("ch.qos.logback.classic.Logger")) {
      return;
    }
    try {
      Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, root.getClass().getClassLoader());
      root.getClass().getMethod("setLevel", level).invoke(root, level.getField("DEBUG").get(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.warn("--debug: could not set the log level to DEBUG ({})", e.toString());
    }
  }
}
