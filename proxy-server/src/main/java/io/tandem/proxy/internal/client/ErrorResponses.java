package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.ProtocolConstants.ErrorCode;
import io.tandem.core.api.mirror.MirroredWriteException;
import io.tandem.core.api.replay.FailedWriteLogException;
import io.tandem.proxy.internal.backend.BackendBusyException;
import io.tandem.proxy.internal.backend.BackendConnectionLostException;
import io.tandem.proxy.internal.backend.BackendHandshake.HandshakeException;
import io.tandem.proxy.internal.backend.BackendTimeoutException;
import io.tandem.proxy.internal.frame.MalformedFrameException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns a failure inside the proxy into the error a client receives: an error code drivers know how to
 * handle (OVERLOADED and SERVER_ERROR are retried on another node for idempotent requests) and a message
 * that says what happened. A client never waits in silence.
 */
final class ErrorResponses {

  private ErrorResponses() {}

  /** The failure's code and message; {@code cause} tags the proxy's error metric. */
  record ErrorAnswer(int code, String message, String cause) {}

  static ErrorAnswer answerFor(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof BackendBusyException) {
      return new ErrorAnswer(ErrorCode.OVERLOADED, "Tandem proxy: " + cause.getMessage(), "busy");
    }
    if (cause instanceof BackendConnectionLostException) {
      return new ErrorAnswer(ErrorCode.OVERLOADED, "Tandem proxy: " + cause.getMessage() + "; retry", "connection");
    }
    if (cause instanceof BackendTimeoutException) {
      return new ErrorAnswer(ErrorCode.SERVER_ERROR, "Tandem proxy: " + cause.getMessage(), "timeout");
    }
    if (cause instanceof HandshakeException) {
      return new ErrorAnswer(ErrorCode.SERVER_ERROR, "Tandem proxy: " + cause.getMessage(), "handshake");
    }
    if (cause instanceof MalformedFrameException) {
      return new ErrorAnswer(ErrorCode.PROTOCOL_ERROR, cause.getMessage(), "malformed");
    }
    if (cause instanceof MirroredWriteException mirrored) {
      return new ErrorAnswer(ErrorCode.SERVER_ERROR, mirroredWriteMessage(mirrored), "mirror");
    }
    return new ErrorAnswer(ErrorCode.SERVER_ERROR, "Tandem proxy: internal error: " + cause, "internal");
  }

  /**
   * Whether the copy the secondary did not get is in the failed-write log (it will be replayed), still on its way
   * (the secondary deadline passed), or could not be logged either (nothing will bring it to the secondary: a
   * person must).
   */
  private static String mirroredWriteMessage(MirroredWriteException failure) {
    FailedWriteLogException logFailure = logFailure(failure);
    if (logFailure != null) {
      return "Tandem proxy: the write succeeded on the primary cluster but not on the secondary, and it is NOT "
          + "in the failed-write log, which could not be written: it will not be replayed. Check the proxy's "
          + "failed-write log directory (free space, permissions), then repair the table with tandem-validator ("
          + logFailure.getMessage() + ")";
    }
    if (failure.getCause() instanceof TimeoutException) {
      return "Tandem proxy: the write succeeded on the primary cluster; the secondary did not confirm it within "
          + "the secondary deadline, its copy goes on and is logged for replay if it fails (" + failure.getMessage()
          + ")";
    }
    return "Tandem proxy: the write succeeded on the primary cluster but not on the secondary; it is in the "
        + "failed-write log and will be replayed (" + failure.getMessage() + ")";
  }

  private static FailedWriteLogException logFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof FailedWriteLogException logFailure) {
        return logFailure;
      }
    }
    return null;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
