package io.tandem.proxy.internal.session;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A user name and password a client logged in with, read from its SASL PLAIN token. Held in memory only,
 * to open the proxy's own sessions as that user; {@link #toString()} never shows the password.
 */
public record ClientCredentials(String username, String password) {

  /**
   * The credentials in a SASL PLAIN token ({@code [authzid] \0 user \0 password}, what Cassandra's
   * PasswordAuthenticator and the drivers' plain-text providers send), or empty for any other token.
   */
  public static Optional<ClientCredentials> fromPlainToken(byte[] token) {
    if (token == null) {
      return Optional.empty();
    }
    int first = indexOfZero(token, 0);
    int second = first < 0 ? -1 : indexOfZero(token, first + 1);
    if (second < 0 || second == first + 1 || indexOfZero(token, second + 1) >= 0) {
      return Optional.empty();
    }
    String username = new String(Arrays.copyOfRange(token, first + 1, second), StandardCharsets.UTF_8);
    String password = new String(Arrays.copyOfRange(token, second + 1, token.length), StandardCharsets.UTF_8);
    return Optional.of(new ClientCredentials(username, password));
  }

  /** The SASL PLAIN token for these credentials: {@code \0user\0password}. */
  public byte[] plainToken() {
    byte[] user = username.getBytes(StandardCharsets.UTF_8);
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    byte[] token = new byte[user.length + secret.length + 2];
    System.arraycopy(user, 0, token, 1, user.length);
    System.arraycopy(secret, 0, token, user.length + 2, secret.length);
    return token;
  }

  private static int indexOfZero(byte[] bytes, int from) {
    for (int index = from; index < bytes.length; index++) {
      if (bytes[index] == 0) {
        return index;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "ClientCredentials[username=" + username + ", password=****]";
  }
}
