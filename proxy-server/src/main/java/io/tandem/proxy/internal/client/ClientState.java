package io.tandem.proxy.internal.client;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * What the proxy remembers of one client connection, to open more cluster connections on its behalf: the
 * protocol version and STARTUP options it chose, the credentials it presented (never logged), its current
 * keyspace, and the proxy address it connected to.
 */
final class ClientState {

  private final InetSocketAddress proxyAddress;
  private volatile int version;
  private volatile Map<String, String> startupOptions = Map.of();
  private volatile byte[] authToken;
  private volatile String login;
  private volatile String keyspace;

  ClientState(InetSocketAddress proxyAddress) {
    this.proxyAddress = proxyAddress;
  }

  InetSocketAddress proxyAddress() {
    return proxyAddress;
  }

  /** The protocol version of the connection, 0 before the first frame. */
  int version() {
    return version;
  }

  void version(int version) {
    this.version = version;
  }

  Map<String, String> startupOptions() {
    return startupOptions;
  }

  void startupOptions(Map<String, String> options) {
    this.startupOptions = Map.copyOf(options);
  }

  /** The SASL token the client authenticated with, or {@code null}. */
  byte[] authToken() {
    return authToken;
  }

  void authToken(byte[] token) {
    this.authToken = token;
  }

  /** The user the primary cluster accepted the client as, or {@code null}. */
  String login() {
    return login;
  }

  void login(String login) {
    this.login = login;
  }

  String keyspace() {
    return keyspace;
  }

  void keyspace(String keyspace) {
    this.keyspace = keyspace;
  }

  @Override
  public String toString() {
    return "client of " + proxyAddress + " (v" + version + (keyspace != null ? ", keyspace " + keyspace : "") + ")";
  }
}
