package io.tandem.proxy.internal.backend;

import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.Message;
import com.datastax.oss.protocol.internal.request.AuthResponse;
import com.datastax.oss.protocol.internal.request.Query;
import com.datastax.oss.protocol.internal.request.Startup;
import com.datastax.oss.protocol.internal.response.AuthSuccess;
import com.datastax.oss.protocol.internal.response.Authenticate;
import com.datastax.oss.protocol.internal.response.Error;
import com.datastax.oss.protocol.internal.response.Ready;
import com.datastax.oss.protocol.internal.response.result.SetKeyspace;
import io.tandem.proxy.internal.frame.ProtocolCodecs;
import io.tandem.proxy.internal.frame.RawFrame;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The CQL handshake the proxy runs by itself on a cluster connection: STARTUP, then the SASL PLAIN token
 * when the cluster asks for authentication, then {@code USE} of the client's current keyspace. Used for
 * every connection except the one the client's own handshake is relayed over.
 */
public final class BackendHandshake {

  private final ProtocolCodecs codecs;

  public BackendHandshake(ProtocolCodecs codecs) {
    this.codecs = codecs;
  }

  /**
   * @param authToken the SASL initial response to send if the cluster asks (PLAIN: {@code \0user\0password}), or
   *     {@code null} when no credentials are known
   * @param keyspace the keyspace to switch to, or {@code null}
   */
  public CompletableFuture<BackendConnection> run(BackendConnection connection, String clusterName, int version,
      Map<String, String> startupOptions, byte[] authToken, String keyspace) {
    return exchange(connection, version, new Startup(startupOptions))
        .thenCompose(answer -> authenticate(connection, clusterName, version, answer, authToken))
        .thenCompose(ready -> keyspace == null ? CompletableFuture.completedFuture(null)
            : exchange(connection, version, new Query("USE \"" + keyspace.replace("\"", "\"\"") + "\"")).thenApply(
                answer -> expect(answer, SetKeyspace.class, clusterName, "USE " + keyspace)))
        .thenApply(done -> connection)
        .whenComplete((done, error) -> {
          if (error != null) {
            connection.close();
          }
        });
  }

  private CompletableFuture<Message> authenticate(BackendConnection connection, String clusterName, int version,
      Message answer, byte[] authToken) {
    if (answer instanceof Ready) {
      return CompletableFuture.completedFuture(answer);
    }
    if (answer instanceof Authenticate authenticate) {
      if (authToken == null) {
        throw new CompletionException(new HandshakeException(clusterName + " requires authentication ("
            + authenticate.authenticator + ") and the proxy has no credentials for it: give them with "
            + "--target-username/--target-password (or --source-username/--source-password)"));
      }
      return exchange(connection, version, new AuthResponse(ByteBuffer.wrap(authToken)))
          .thenApply(reply -> expect(reply, AuthSuccess.class, clusterName, "authentication"));
    }
    throw new CompletionException(failure(answer, clusterName, "STARTUP"));
  }

  private CompletableFuture<Message> exchange(BackendConnection connection, int version, Message request) {
    return connection.send(codecs.request(version, 0, request)).thenApply(this::decode);
  }

  private Message decode(RawFrame frame) {
    try {
      Frame decoded = codecs.decodeResponse(frame);
      return decoded.message;
    } finally {
      frame.release();
    }
  }

  private static <T extends Message> T expect(Message answer, Class<T> expected, String clusterName, String step) {
    if (expected.isInstance(answer)) {
      return expected.cast(answer);
    }
    throw new CompletionException(failure(answer, clusterName, step));
  }

  private static HandshakeException failure(Message answer, String clusterName, String step) {
    String detail = answer instanceof Error error ? error.message + " (error 0x" + Integer.toHexString(error.code) + ")"
        : "unexpected " + answer;
    return new HandshakeException(clusterName + " refused the proxy's " + step + ": " + detail);
  }

  /** The proxy's own handshake with a cluster failed; the message says which cluster and why. */
  public static final class HandshakeException extends RuntimeException {
    public HandshakeException(String message) {
      super(message, null, false, false);
    }
  }
}
