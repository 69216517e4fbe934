package io.tandem.proxy.it.drivers;

/**
 * The DataStax Python driver (Debian's {@code python3-cassandra}) through the proxy: it offers its newest
 * protocol first and settles on v5 with the proxy. Needs {@code /usr/bin/python3 -c 'import cassandra'} to work.
 */
class PythonDriverThroughProxyIT extends OtherDriverThroughProxy {

  private final PythonDriver driver = new PythonDriver();

  @Override
  DriverRuntime driver() {
    return driver;
  }

  @Override
  int expectedProtocolVersion() {
    return 5;
  }
}
