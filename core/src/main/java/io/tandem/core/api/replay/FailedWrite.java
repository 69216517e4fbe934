package io.tandem.core.api.replay;

import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.WriteCommand;
import java.time.Instant;
import java.util.Objects;

/**
 * A write that did not reach one cluster and waits in the {@link FailedWriteLog} to be replayed there.
 *
 * @param side the cluster the write is still owed to
 * @param command everything needed to execute it again, the original timestamp included
 * @param replayable false for writes that must not be repeated (counter updates, list appends): those are
 *     kept and reported, never executed again automatically
 * @param cause a short description of the last failure (exception class and message; never bound values)
 * @param loggedAt when the write was logged
 */
public record FailedWrite(
    Side side, WriteCommand command, boolean replayable, String cause, Instant loggedAt) {

  public FailedWrite {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(loggedAt, "loggedAt");
  }
}
