package io.tandem.proxy.it.drivers;

/**
 * The DataStax Node.js driver (npm {@code cassandra-driver} 4.x, installed into {@code target/node-driver} on
 * the first run) through the proxy, over protocol v4, the newest it speaks. Needs {@code node} and {@code npm}.
 */
class NodeDriverThroughProxyIT extends OtherDriverThroughProxy {

  private final NodeDriver driver = new NodeDriver();

  @Override
  DriverRuntime driver() {
    return driver;
  }

  @Override
  int expectedProtocolVersion() {
    return 4;
  }
}
