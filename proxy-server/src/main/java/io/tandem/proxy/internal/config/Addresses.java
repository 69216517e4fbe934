package io.tandem.proxy.internal.config;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/**
 * Turns {@code host}, {@code host:port}, {@code [ipv6]:port} or a bare IPv6 address into socket addresses
 * without a DNS lookup: IP literals become resolved addresses, host names stay unresolved and are looked up
 * when the proxy connects, so a name that does not resolve yet is not a command-line error.
 */
final class Addresses {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Addresses() {}

  /** A remote address; {@code defaultPort} when the text has none. */
  static InetSocketAddress remote(String text, int defaultPort) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    String host = trimmed;
    int port = defaultPort;
    if (trimmed.startsWith("[")) {
      int end = trimmed.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("'" + trimmed + "' misses its closing ']'");
      }
      host = trimmed.substring(1, end);
      String rest = trimmed.substring(end + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("'" + trimmed + "' is not [IPV6]:PORT");
        }
        port = port(rest.substring(1), trimmed);
      }
    } else if (trimmed.indexOf(':') > 0 && trimmed.indexOf(':') == trimmed.lastIndexOf(':')) {
      int colon = trimmed.indexOf(':');
      host = trimmed.substring(0, colon);
      port = port(trimmed.substring(colon + 1), trimmed);
    }
    return address(host, checkPort(port, trimmed));
  }

  /** A local address to bind to; host names are resolved now, since binding needs an address. */
  static InetSocketAddress bind(String host, int port) {
    InetSocketAddress address = new InetSocketAddress(host.trim(), checkPort(port, host + ":" + port));
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("cannot resolve '" + host + "' to a local address");
    }
    return address;
  }

  private static InetSocketAddress address(String host, int port) {
    boolean literal = IPV4.matcher(host).matches() || host.contains(":");
    return literal ? new InetSocketAddress(host, port) : InetSocketAddress.createUnresolved(host, port);
  }

  private static int port(String text, String address) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' in '" + address + "' is not a port");
    }
  }

  private static int checkPort(int port, String address) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " of '" + address + "' is not in 0..65535");
    }
    return port;
  }
}
