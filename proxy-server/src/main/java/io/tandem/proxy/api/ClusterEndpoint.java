package io.tandem.proxy.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the proxy reaches one cluster: its contact points (the other nodes are discovered from the cluster
 * itself), TLS, and optional credentials for the proxy's own connections to it.
 *
 * @param name "source", "target" or "control" (a third cluster holding the control store), used in logs,
 *     metrics and error messages
 * @param contactPoints at least one node; the proxy spreads its connections over every node it discovers
 * @param tls whether connections to the cluster use TLS (Azure's cassandra-proxy default: on)
 * @param verifyHostname whether the node's certificate must match its address (default on with TLS)
 * @param truststore a JKS/PKCS12 truststore for the cluster's certificates, or {@code null} for the JDK's
 * @param truststorePassword its password, or {@code null}
 * @param username the user the proxy authenticates as when it opens connections on its own (the mirror's
 *     session, reconnections), or {@code null} to reuse the credentials the client presented
 * @param password that user's password, or {@code null}
 * @param localDatacenter the data center the proxy's driver session treats as local, or {@code null} to
 *     infer it from the contact points
 */
public record ClusterEndpoint(
    String name,
    List<InetSocketAddress> contactPoints,
    boolean tls,
    boolean verifyHostname,
    Path truststore,
    String truststorePassword,
    String username,
    String password,
    String localDatacenter) {

  public ClusterEndpoint {
    Objects.requireNonNull(name, "name");
    contactPoints = List.copyOf(contactPoints);
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("the " + name + " cluster needs at least one contact point");
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("give both a username and a password for the " + name + " cluster, or "
          + "neither");
    }
  }

  /** A plain-TCP endpoint without credentials. */
  public static ClusterEndpoint plain(String name, InetSocketAddress contactPoint) {
    return new ClusterEndpoint(name, List.of(contactPoint), false, false, null, null, null, null, null);
  }

  public boolean hasCredentials() {
    return username != null;
  }

  /** A copy that authenticates as {@code username}. */
  public ClusterEndpoint withCredentials(String username, String password) {
    return new ClusterEndpoint(name, contactPoints, tls, verifyHostname, truststore, truststorePassword, username,
        password, localDatacenter);
  }

  @Override
  public String toString() {
    // never the password
    return name + contactPoints + (tls ? " tls" : "") + (username != null ? " as " + username : "");
  }
}
