package io.tandem.examples.copycli;

/** How the example stops the first copy part-way. */
public enum StopSignal {

  /** SIGKILL ({@code Process.destroyForcibly()}): a crash, the JVM gets no chance to do anything. */
  KILL,

  /** SIGTERM ({@code Process.destroy()}): a polite stop, as {@code kill PID} or a service manager sends. */
  TERM;

  /** The exit status a process stopped this way reports on Linux and macOS (128 + signal number). */
  int exitStatus() {
    return this == KILL ? 137 : 143;
  }
}
