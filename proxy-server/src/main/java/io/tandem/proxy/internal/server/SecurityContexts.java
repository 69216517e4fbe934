package io.tandem.proxy.internal.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tandem.proxy.api.ClusterEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Where the proxy's TLS material is loaded: the keystore clients see, and each cluster's truststore. */
public final class SecurityContexts {

  private SecurityContexts() {}

  /** TLS towards clients from a JKS or PKCS12 keystore. */
  static SslContext forClients(Path keystore, String password) {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(keystore, password), chars(password));
      return SslContextBuilder.forServer(keys).build();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot use the keystore " + keystore + " for client TLS: " + e.getMessage()
          + " (check --proxy-jks-file and --proxy-jks-password)", e);
    }
  }

  /** TLS towards a cluster's nodes for forwarded connections, or {@code null} when the cluster is plain. */
  static SslContext forCluster(ClusterEndpoint endpoint) {
    if (!endpoint.tls()) {
      return null;
    }
    try {
      return SslContextBuilder.forClient().trustManager(trust(endpoint)).build();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot set up TLS to the " + endpoint.name() + " cluster: " + e.getMessage(),
          e);
    }
  }

  /** The same trust for the proxy's driver session to that cluster. */
  public static SSLContext sslContextFor(ClusterEndpoint endpoint) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust(endpoint).getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot set up TLS to the " + endpoint.name() + " cluster: " + e.getMessage(),
          e);
    }
  }

  private static TrustManagerFactory trust(ClusterEndpoint endpoint) throws IOException, GeneralSecurityException {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(endpoint.truststore() == null ? null : load(endpoint.truststore(), endpoint.truststorePassword()));
    return trust;
  }

  private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, chars(password));
      return store;
    }
  }

  private static char[] chars(String password) {
    return password == null ? null : password.toCharArray();
  }
}
