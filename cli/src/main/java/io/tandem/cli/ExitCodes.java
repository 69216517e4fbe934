package io.tandem.cli;

import io.tandem.core.api.control.MigrationException;

/**
 * The exit codes of {@code tandem}, the same for every subcommand: 0 done; 1 refused or a problem found (gates
 * refused a step, differences found, a copy incomplete); 2 bad input, nothing changed; 3 someone else changed
 * the migration first; 4 the control store cannot be reached; 5 any other failure.
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int REFUSED = 1;
  public static final int BAD_INPUT = 2;
  public static final int CONFLICT = 3;
  public static final int STORE_UNAVAILABLE = 4;
  public static final int FAILURE = 5;

  /** The table the {@code --help} of every command ends with. */
  static final String[] HELP_FOOTER = {"", "Exit codes:",
      "  0  done",
      "  1  refused or a problem found: gates refused, differences, copy incomplete",
      "  2  bad input (unknown migration or phase, not the next step, bad option):",
      "     nothing changed",
      "  3  someone else changed the migration first: look at its status, try again",
      "  4  the control store cannot be reached",
      "  5  any other failure"};

  private ExitCodes() {}

  /** The exit code of a command that failed with {@code error}. */
  public static int of(Throwable error) {
    if (error instanceof MigrationException migration) {
      return switch (migration.reason()) {
        case GATES_REFUSED -> REFUSED;
        case CONCURRENT_CHANGE -> CONFLICT;
        case STORE_UNAVAILABLE -> STORE_UNAVAILABLE;
        case UNKNOWN_MIGRATION, ALREADY_EXISTS, INVALID_STEP, MALFORMED_STATE -> BAD_INPUT;
      };
    }
    return error instanceof IllegalArgumentException || error instanceof IllegalStateException ? BAD_INPUT : FAILURE;
  }
}
