package io.tandem.cli.migrate;

import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.StepRequest;
import picocli.CommandLine.Option;

/** The options of a step, forward or back: where to, who, why, forced or not. */
public final class StepOptions {

  @Option(names = "--to", paramLabel = "PHASE",
      description = "The phase expected next, refused if it is not (default: the next, or previous, one).")
  String to;

  @Option(names = "--force", description = "Go ahead even if gates refuse; needs --reason, recorded in the history.")
  boolean force;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, recorded in the history (default: none).")
  String reason;

  @Option(names = "--who", paramLabel = "NAME", description = "Recorded as the operator (default: the OS user).")
  String who;

  /**
   * The request these options make.
   *
   * @throws IllegalArgumentException for an unknown phase (naming the phases) or {@code --force} without a reason
   */
  StepRequest request() {
    Phase phase = to == null ? null : Phase.parse(to);
    return new StepRequest(phase, who, reason, force);
  }
}
