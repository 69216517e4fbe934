package io.tandem.examples.proxy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The arguments of {@code tandem-proxy}, exactly as a user types them after {@code java -jar tandem-proxy.jar}:
 * the two clusters, no TLS towards them (the example's clusters are plain CQL), where clients connect, where
 * the metrics and admin endpoint listen, and the failed-write log. Only flags Azure's cassandra-proxy also
 * has, plus {@code --proxy-address}, {@code --metrics-address} and {@code --failed-write-log}.
 *
 * @param arguments the arguments, in order
 */
record ProxyArguments(List<String> arguments) {

  /** How a user starts the proxy built from this repository. */
  static final String JAR_COMMAND = "java -jar proxy-server/target/tandem-proxy.jar";

  ProxyArguments {
    arguments = List.copyOf(arguments);
  }

  /** The proxy's arguments for these clusters and addresses. */
  static ProxyArguments of(InetSocketAddress source, InetSocketAddress target, InetSocketAddress listen,
      InetSocketAddress admin, Path failedWriteLog) {
    List<String> arguments = new ArrayList<>();
    arguments.add(contactPoint(source));
    arguments.add(contactPoint(target));
    arguments.add("--disable-source-tls");
    arguments.add("--disable-target-tls");
    arguments.add("--proxy-address");
    arguments.add(listen.getHostString());
    arguments.add("--proxy-port");
    arguments.add(Integer.toString(listen.getPort()));
    arguments.add("--metrics-address");
    arguments.add(admin.getHostString());
    arguments.add("--metrics-port");
    arguments.add(Integer.toString(admin.getPort()));
    arguments.add("--failed-write-log");
    arguments.add(failedWriteLog.toString());
    return new ProxyArguments(arguments);
  }

  /** {@code host} when the port is CQL's default 9042 (the proxy's default too), else {@code host:port}. */
  private static String contactPoint(InetSocketAddress address) {
    return address.getPort() == 9042 ? address.getHostString() : HostAndPort.format(address);
  }

  /** The whole command a user runs from the repository root, for the console. */
  String userCommand() {
    return JAR_COMMAND + " " + arguments.stream().map(ProxyArguments::quoted).collect(Collectors.joining(" "));
  }

  private static String quoted(String argument) {
    return argument.isEmpty() || argument.matches(".*[\\s'\"$\\\\].*") ? "'" + argument.replace("'", "'\\''") + "'"
        : argument;
  }
}
