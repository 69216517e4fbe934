package io.tandem.proxy.cli;

/** The settings of one cluster, under {@code tandem.proxy.source} or {@code tandem.proxy.target}. */
record ClusterSettings(
    String name,
    Setting contactPoints,
    Setting port,
    Setting tls,
    Setting verifyHostname,
    Setting truststore,
    Setting truststorePassword,
    Setting username,
    Setting password,
    Setting datacenter) {

  static ClusterSettings of(String name) {
    return new ClusterSettings(name,
        Setting.proxy(name + ".contact-points", name.toUpperCase(java.util.Locale.ROOT)),
        Setting.proxy(name + ".port", "--" + name + "-port"),
        Setting.proxy(name + ".tls", "--disable-" + name + "-tls"),
        Setting.proxy(name + ".verify-hostname", "--disable-hostname-verification"),
        Setting.proxy(name + ".truststore", "--" + name + "-truststore"),
        Setting.proxy(name + ".truststore-password", "--" + name + "-truststore-password"),
        Setting.proxy(name + ".username", "--" + name + "-username"),
        Setting.proxy(name + ".password", "--" + name + "-password"),
        Setting.proxy(name + ".datacenter", "--" + name + "-datacenter"));
  }
}
