package io.tandem.proxy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How the proxy reaches the source and the target: ports, TLS, credentials, data centers. Every flag is
 * optional and overrides the same setting under {@code tandem.proxy.source} or {@code tandem.proxy.target}.
 * Defaults: port 9042, TLS on with hostname verification and the JDK's truststore, no credentials of the
 * proxy's own (each client's are reused), local data center inferred.
 */
final class ClusterOptions {

  @Option(names = "--source-port", paramLabel = "PORT", order = 10,
      description = "CQL port of the source contact points (default 9042).")
  Integer sourcePort;

  @Option(names = "--target-port", paramLabel = "PORT", order = 11,
      description = "CQL port of the target contact points (default 9042).")
  Integer targetPort;

  @Option(names = "--disable-source-tls", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      order = 12, description = "Plain TCP to the source; '--disable-source-tls true' (Azure style) also works. "
          + "Default: TLS on.")
  Boolean disableSourceTls;

  @Option(names = "--disable-target-tls", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      order = 13, description = "Plain TCP to the target. Default: TLS on.")
  Boolean disableTargetTls;

  @Option(names = "--disable-hostname-verification", arity = "0..1", fallbackValue = "true",
      paramLabel = "true|false", order = 14, description = "With TLS, accept node certificates that do not match "
          + "the node's address. Default: verified (Azure's proxy never verified: use this, or a truststore, "
          + "for self-signed certificates).")
  Boolean disableHostnameVerification;

  @Option(names = "--source-truststore", paramLabel = "FILE", order = 15,
      description = "JKS/PKCS12 truststore for the source's certificates (default: the JDK's).")
  Path sourceTruststore;

  @Option(names = "--source-truststore-password", paramLabel = "PASSWORD", order = 16,
      description = "Its password (default: none).")
  String sourceTruststorePassword;

  @Option(names = "--target-truststore", paramLabel = "FILE", order = 17,
      description = "JKS/PKCS12 truststore for the target's certificates (default: the JDK's).")
  Path targetTruststore;

  @Option(names = "--target-truststore-password", paramLabel = "PASSWORD", order = 18,
      description = "Its password (default: none).")
  String targetTruststorePassword;

  @Option(names = "--source-username", paramLabel = "USER", order = 19, description = "User the proxy logs in "
      + "as on the source for its own connections (default: reuse each client's credentials).")
  String sourceUsername;

  @Option(names = "--source-password", paramLabel = "PASSWORD", order = 20,
      description = "That user's password (or set TANDEM_SOURCE_PASSWORD). Give both or neither.")
  String sourcePassword;

  @Option(names = "--target-username", paramLabel = "USER", order = 21,
      description = "User the proxy logs in as on the target (Azure: replaces the client's credentials there).")
  String targetUsername;

  @Option(names = "--target-password", paramLabel = "PASSWORD", order = 22,
      description = "That user's password (or set TANDEM_TARGET_PASSWORD). Give both or neither.")
  String targetPassword;

  @Option(names = "--source-datacenter", paramLabel = "DC", order = 23,
      description = "Local data center of the source (default: inferred from the contact points).")
  String sourceDatacenter;

  @Option(names = "--target-datacenter", paramLabel = "DC", order = 24,
      description = "Local data center of the target (default: inferred from the contact points).")
  String targetDatacenter;

  void addTo(Overrides overrides) {
    overrides.set(Settings.SOURCE.port(), sourcePort);
    overrides.set(Settings.TARGET.port(), targetPort);
    overrides.set(Settings.SOURCE.tls(), negate(disableSourceTls));
    overrides.set(Settings.TARGET.tls(), negate(disableTargetTls));
    overrides.set(Settings.SOURCE.verifyHostname(), negate(disableHostnameVerification));
    overrides.set(Settings.TARGET.verifyHostname(), negate(disableHostnameVerification));
    overrides.set(Settings.CONTROL_VERIFY_HOSTNAME, negate(disableHostnameVerification));
    overrides.set(Settings.SOURCE.truststore(), string(sourceTruststore));
    overrides.set(Settings.SOURCE.truststorePassword(), sourceTruststorePassword);
    overrides.set(Settings.TARGET.truststore(), string(targetTruststore));
    overrides.set(Settings.TARGET.truststorePassword(), targetTruststorePassword);
    overrides.set(Settings.SOURCE.username(), sourceUsername);
    overrides.set(Settings.SOURCE.password(), sourcePassword);
    overrides.set(Settings.TARGET.username(), targetUsername);
    overrides.set(Settings.TARGET.password(), targetPassword);
    overrides.set(Settings.SOURCE.datacenter(), sourceDatacenter);
    overrides.set(Settings.TARGET.datacenter(), targetDatacenter);
  }

  private static Boolean negate(Boolean value) {
    return value == null ? null : !value;
  }

  private static String string(Path path) {
    return path == null ? null : path.toString();
  }
}
