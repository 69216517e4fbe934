package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.ProtocolConstants.ErrorCode;
import io.tandem.core.api.mirror.MirroredWriteException;
import io.tandem.proxy.internal.backend.BackendBusyException;
import io.tandem.proxy.internal.backend.BackendConnectionLostException;
import io.tandem.proxy.internal.backend.BackendHandshake.HandshakeException;
import io.tandem.proxy.internal.backend.BackendTimeoutException;
import io.tandem.proxy.internal.frame.MalformedFrameException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

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
    if (cause instanceof MirroredWriteException) {
      return new ErrorAnswer(ErrorCode.SERVER_ERROR, "Tandem proxy: the write succeeded on the primary cluster but "
          + "not on the secondary; it is in the failed-write log and will be replayed (" + cause.getMessage() + ")",
          "mirror");
    }
    return new ErrorAnswer(ErrorCode.SERVER_ERROR, "Tandem proxy: internal error: " + cause, "internal");
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
