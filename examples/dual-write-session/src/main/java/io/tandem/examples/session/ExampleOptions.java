package io.tandem.examples.session;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * The command line of {@link OrderServiceApplication}. No arguments: start two embedded clusters. Otherwise
 * all three of {@code --source host:port --target host:port --datacenter dc} name real clusters.
 *
 * @param source the source cluster's contact point, or {@code null} to start embedded clusters
 * @param target the target cluster's contact point, or {@code null} to start embedded clusters
 * @param datacenter the local data center of both clusters, or {@code null} with embedded clusters
 */
public record ExampleOptions(Endpoint source, Endpoint target, String datacenter) {

  /** How to call the application; printed for {@code --help} and with every argument error. */
  public static final String USAGE =
      "usage: OrderServiceApplication [--source host:port --target host:port --datacenter dc]\n"
          + "  no arguments: start two embedded Cassandra clusters on 127.0.0.21 and 127.0.0.22";

  /** One contact point. */
  public record Endpoint(String host, int port) {
    public Endpoint {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
      }
    }

    /** Parses {@code host:port}. */
    static Endpoint parse(String option, String value) {
      int colon = value.lastIndexOf(':');
      if (colon <= 0 || colon == value.length() - 1) {
        throw new IllegalArgumentException(option + " must look like host:port, got '" + value + "'");
      }
      try {
        return new Endpoint(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " has a port that is not a number: '" + value + "'");
      }
    }

    /** The resolved socket address, for {@code CqlSessionBuilder.addContactPoint}. */
    public InetSocketAddress toAddress() {
      return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** True when the application must start its own embedded clusters. */
  public boolean embedded() {
    return source == null;
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException on an unknown option, a missing value or a partial set of options
   */
  public static ExampleOptions parse(List<String> args) {
    Endpoint source = null;
    Endpoint target = null;
    String datacenter = null;
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("missing value after " + option);
      }
      String value = args.get(++i);
      switch (option) {
        case "--source" -> source = Endpoint.parse(option, value);
        case "--target" -> target = Endpoint.parse(option, value);
        case "--datacenter" -> datacenter = value;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    boolean none = source == null && target == null && datacenter == null;
    boolean all = source != null && target != null && datacenter != null && !datacenter.isBlank();
    if (!none && !all) {
      throw new IllegalArgumentException("give all of --source, --target and --datacenter, or none of them");
    }
    return new ExampleOptions(source, target, datacenter);
  }
}
