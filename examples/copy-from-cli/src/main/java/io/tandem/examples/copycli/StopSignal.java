package io.tandem.examples.copycli;

/** How the example stops the first copy part-way. */
public enum StopSignal {

  /** SIGKILL ({@code Process.destroyForcibly()}): a crash, the JVM gets no chance to do anything. */
  KILL,

  /**
   * SIGTERM ({@code ProcessHandle.destroy()}): a polite stop, as {@code kill PID} or a service manager sends; the
   * command line saves its checkpoint as it stops.
   */
  TERM;

  /** The exit status a process stopped this way reports on Linux and macOS (128 + signal number). */
  int exitStatus() {
    return this == KILL ? 137 : 143;
  }
}
