package io.tandem.examples.proxy;

import java.net.InetSocketAddress;

/** {@code host:port} on the command line and in messages. */
final class HostAndPort {

  private HostAndPort() {}

  /**
   * Parses {@code host:port}; a host name is resolved if it can be.
   *
   * @throws IllegalArgumentException naming the option, when there is no host, no port, or a bad port
   */
  static InetSocketAddress parse(String option, String value) {
    int colon = value.lastIndexOf(':');
    if (colon > 0 && colon < value.length() - 1) {
      try {
        int port = Integer.parseInt(value.substring(colon + 1));
        if (port >= 1 && port <= 65535) {
          return new InetSocketAddress(value.substring(0, colon), port);
        }
      } catch (NumberFormatException notANumber) {
        // reported below
      }
    }
    throw new IllegalArgumentException(option + " must look like host:port (port 1 to 65535), got '" + value + "'");
  }

  /** {@code host:port}, with the host as given (not resolved). */
  static String format(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
