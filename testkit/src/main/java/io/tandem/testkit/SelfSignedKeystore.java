package io.tandem.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKCS12 keystore with one self-signed certificate for the given addresses, made with the JDK's
 * {@code keytool}: server TLS for test nodes and for the proxy, and a matching client {@link SSLContext}.
 */
public final class SelfSignedKeystore {

  private static final String ALIAS = "tandem";
  private final Path keystore;
  private final String password;

  private SelfSignedKeystore(Path keystore, String password) {
    this.keystore = keystore;
    this.password = password;
  }

  /**
   * Creates (or reuses) {@code file}, valid for {@code localhost} and each IP address given.
   *
   * @param addresses IP addresses put in the certificate's subject alternative names
   */
  public static SelfSignedKeystore create(Path file, String password, List<String> addresses) {
    if (!Files.exists(file)) {
      generate(file, password, addresses);
    }
    return new SelfSignedKeystore(file.toAbsolutePath(), password);
  }

  public Path path() {
    return keystore;
  }

  public String password() {
    return password;
  }

  /** A client context that trusts exactly this certificate (hostname verification stays the caller's). */
  public SSLContext clientContext() {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore server = KeyStore.getInstance("PKCS12");
      server.load(in, password.toCharArray());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(ALIAS, server.getCertificate(ALIAS));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build a client SSL context from " + keystore, e);
    }
  }

  private static void generate(Path file, String password, List<String> addresses) {
    StringBuilder names = new StringBuilder("SAN=dns:localhost");
    addresses.forEach(address -> names.append(",ip:").append(address));
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(
                  keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                  "-validity", "3650", "-dname", "CN=localhost, O=Tandem test", "-ext", names.toString(),
                  "-storetype", "PKCS12", "-keystore", file.toString(),
                  "-storepass", password, "-keypass", password)
              .redirectErrorStream(true)
              .start();
      String output;
      try (OutputStream ignored = process.getOutputStream()) {
        output = new String(process.getInputStream().readAllBytes());
      }
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool failed to create " + file + ": " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run " + keytool + " to create " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating " + file, e);
    }
  }
}
