package io.tandem.proxy.cli;

import io.tandem.proxy.api.ProxyOption;

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

  static ClusterSettings source() {
    return new ClusterSettings("source",
        Setting.of(ProxyOption.SOURCE_CONTACT_POINTS, "SOURCE"),
        Setting.of(ProxyOption.SOURCE_PORT, "--source-port"),
        Setting.of(ProxyOption.SOURCE_TLS, "--disable-source-tls"),
        Setting.of(ProxyOption.SOURCE_VERIFY_HOSTNAME, "--disable-hostname-verification"),
        Setting.of(ProxyOption.SOURCE_TRUSTSTORE, "--source-truststore"),
        Setting.of(ProxyOption.SOURCE_TRUSTSTORE_PASSWORD, "--source-truststore-password"),
        Setting.of(ProxyOption.SOURCE_USERNAME, "--source-username"),
        Setting.of(ProxyOption.SOURCE_PASSWORD, "--source-password"),
        Setting.of(ProxyOption.SOURCE_DATACENTER, "--source-datacenter"));
  }

  static ClusterSettings target() {
    return new ClusterSettings("target",
        Setting.of(ProxyOption.TARGET_CONTACT_POINTS, "TARGET"),
        Setting.of(ProxyOption.TARGET_PORT, "--target-port"),
        Setting.of(ProxyOption.TARGET_TLS, "--disable-target-tls"),
        Setting.of(ProxyOption.TARGET_VERIFY_HOSTNAME, "--disable-hostname-verification"),
        Setting.of(ProxyOption.TARGET_TRUSTSTORE, "--target-truststore"),
        Setting.of(ProxyOption.TARGET_TRUSTSTORE_PASSWORD, "--target-truststore-password"),
        Setting.of(ProxyOption.TARGET_USERNAME, "--target-username"),
        Setting.of(ProxyOption.TARGET_PASSWORD, "--target-password"),
        Setting.of(ProxyOption.TARGET_DATACENTER, "--target-datacenter"));
  }
}
