package io.tandem.core.api.replay;

/**
 * A {@link FailedWrite} as read back from the log, with its position, which {@link
 * FailedWriteLog#acknowledge(LoggedWrite)} takes to remove it and everything before it.
 *
 * @param segment the number of the segment file holding it
 * @param offset the byte offset just past this entry in that segment
 */
public record LoggedWrite(FailedWrite write, long segment, long offset) {}
