package io.tandem.proxy.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/** Opens keystores and truststores at start-up, so a wrong path or password is a one-line input error. */
final class KeyStores {

  private KeyStores() {}

  /**
   * Checks that a truststore opens with its password ({@code null}: none); errors start with {@code setting},
   * the flag and/or path that gave the file.
   */
  static void checkTruststore(Path file, String password, String setting) {
    open(file, password, setting);
  }

  /** Checks that a keystore opens with its password and holds a private key. */
  static void checkKeystore(Path file, String password, String setting) {
    KeyStore keystore = open(file, password, setting);
    try {
      for (String alias : Collections.list(keystore.aliases())) {
        if (keystore.isKeyEntry(alias)) {
          return;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(setting + ": cannot read " + file + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(setting + ": " + file + " holds no private key; the proxy needs "
        + "its own key and certificate (openssl pkcs12 -export -in CERT.pem -inkey KEY.pem -out proxy.p12)");
  }

  private static KeyStore open(Path file, String password, String setting) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(setting + ": cannot read " + file
          + " (no such file, or not readable)");
    }
    try {
      return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(setting + ": cannot open " + file + " as a JKS or PKCS12 "
          + "store: " + e.getMessage() + " (check the file and its password)", e);
    }
  }
}
