package io.tandem.proxy.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Flags of Azure's cassandra-proxy that Tandem accepts so its command lines keep working: the compression
 * flags set what clients are offered; most others are ignored with a warning saying why; {@code --ghostIps}
 * and the PEM files are refused with the Tandem way to get the same result ({@code --filter-tables} is a
 * mirror option).
 */
final class AzureOptions {

  @Option(names = "--tcp-idle-time-out", paramLabel = "SECONDS", order = 70, description = "Ignored.")
  String tcpIdleTimeout;

  @Option(names = "--write-buffer-size", paramLabel = "BYTES", order = 71, description = "Ignored.")
  String writeBufferSize;

  @Option(names = "--compression", paramLabel = "ALGORITHM", split = ",", order = 72,
      description = "Compression offered to clients, repeatable: lz4 and/or snappy (default both); between the "
          + "client and the proxy only.")
  List<String> compression;

  @Option(names = "--compression-enabled", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      order = 73, description = "false: offer clients no compression (default true).")
  Boolean compressionEnabled;

  @Option(names = "--source-identifier", paramLabel = "NAME", order = 74,
      description = "Ignored: logs and metrics say source.")
  String sourceIdentifier;

  @Option(names = "--target-identifier", paramLabel = "NAME", order = 75,
      description = "Ignored: logs and metrics say target.")
  String targetIdentifier;

  @Option(names = "--only-message", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", order = 76,
      description = "Ignored: answers are not compared.")
  Boolean onlyMessage;

  @Option(names = "--dest-close", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", order = 77,
      description = "Ignored: a failing target never closes clients; its writes are logged and replayed.")
  Boolean destinationClose;

  @Option(names = "--ghostIps", paramLabel = "JSON", order = 79,
      description = "Refused: the proxy always answers with its own topology (--proxy-topology).")
  String ghostIps;

  @Option(names = "--proxy-pem-keyfile", paramLabel = "FILE", order = 80,
      description = "Refused: convert to a PKCS12 keystore for --proxy-jks-file.")
  Path pemKeyFile;

  @Option(names = "--proxy-pem-certfile", paramLabel = "FILE", order = 81,
      description = "Refused: convert to a PKCS12 keystore for --proxy-jks-file.")
  Path pemCertificateFile;

  void addTo(Overrides overrides) {
    refuseUnsupported();
    ignore(overrides, "--tcp-idle-time-out", tcpIdleTimeout, "cluster connections are kept alive with heartbeats "
        + "(tandem.proxy.heartbeat-interval)");
    ignore(overrides, "--write-buffer-size", writeBufferSize, "the proxy sizes its buffers itself");
    if (Boolean.FALSE.equals(compressionEnabled)) {
      overrides.set(Settings.COMPRESSION, List.of());
    } else if (compression != null) {
      overrides.set(Settings.COMPRESSION, compression);
    }
    ignore(overrides, "--source-identifier", sourceIdentifier, "logs and metrics name the clusters source and target");
    ignore(overrides, "--target-identifier", targetIdentifier, "logs and metrics name the clusters source and target");
    ignore(overrides, "--only-message", onlyMessage, "the proxy does not compare the clusters' answers");
    ignore(overrides, "--dest-close", destinationClose, "a failing target never closes client connections; its "
        + "writes go to the failed-write log and are replayed");
  }

  private void refuseUnsupported() {
    if (pemKeyFile != null || pemCertificateFile != null) {
      throw new IllegalArgumentException("--proxy-pem-keyfile/--proxy-pem-certfile are not supported, convert to a "
          + "JKS/PKCS12 keystore with: openssl pkcs12 -export -in CERT.pem -inkey KEY.pem -out proxy.p12 "
          + "-passout pass:changeit, then give --proxy-jks-file proxy.p12 --proxy-jks-password changeit");
    }
    if (ghostIps != null) {
      throw new IllegalArgumentException("--ghostIps is not needed: the proxy always answers system.local and "
          + "system.peers with proxy addresses, never the clusters' nodes; when you run several proxies, list them "
          + "all with --proxy-topology HOST:PORT,HOST:PORT");
    }
  }

  private static void ignore(Overrides overrides, String flag, Object value, String reason) {
    if (value != null) {
      overrides.warn(flag + " is accepted for compatibility with Azure's cassandra-proxy and ignored: " + reason);
    }
  }
}
