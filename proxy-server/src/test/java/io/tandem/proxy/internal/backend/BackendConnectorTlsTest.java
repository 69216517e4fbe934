package io.tandem.proxy.internal.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tandem.proxy.internal.frame.ProtocolCodecs;
import io.tandem.proxy.internal.frame.RawFrame;
import io.tandem.testkit.SelfSignedKeystore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostname verification on the proxy's forwarded connections: a node whose trusted certificate names another
 * address than the one the proxy reached it at is refused, unless verification is switched off.
 */
class BackendConnectorTlsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir static Path folder;
  private static SelfSignedKeystore certificate;
  private static EventLoopGroup loop;
  private SSLServerSocket node;
  /** Whether the node read a request after the handshake (false: the proxy's side broke it off). */
  private final CompletableFuture<Boolean> nodeReadRequest = new CompletableFuture<>();

  @BeforeAll
  static void certificateForAnotherAddress() {
    certificate = SelfSignedKeystore.create(folder.resolve("node.p12"), "changeit", List.of("127.0.0.99"));
    loop = new NioEventLoopGroup(1);
  }

  @AfterAll
  static void stopLoop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @BeforeEach
  void startNode() throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keystore(), certificate.password().toCharArray());
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(keys.getKeyManagers(), null, null);
    node = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptOne, "tls-node");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stopNode() throws IOException {
    node.close();
  }

  @Test
  void should_refuse_a_node_whose_certificate_names_another_address() throws Exception {
    BackendConnection connection = connect(true);

    assertThat(connection.closeFuture()).succeedsWithin(WAIT);
    assertThat(nodeReadRequest).succeedsWithin(WAIT).isEqualTo(false);
  }

  @Test
  void should_accept_that_node_with_hostname_verification_off() throws Exception {
    BackendConnection connection = connect(false);
    connection.send(RawFrame.wrap(Unpooled.wrappedBuffer(new byte[] {4, 0, 0, 0, 5, 0, 0, 0, 0}))); // OPTIONS

    assertThat(nodeReadRequest).succeedsWithin(WAIT).isEqualTo(true);
    assertThat(connection.isOpen()).isTrue();
    connection.close();
  }

  private BackendConnection connect(boolean verifyHostname) throws Exception {
    X509Certificate trusted = (X509Certificate) keystore().getCertificate(keystore().aliases().nextElement());
    SslContext tls = SslContextBuilder.forClient().trustManager(trusted).build();
    BackendConnector connector = new BackendConnector("target", tls, verifyHostname, WAIT, WAIT, Duration.ZERO,
        1 << 20, 128, new ProtocolCodecs(ByteBufAllocator.DEFAULT));
    // by IP: the certificate also names localhost
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", node.getLocalPort());
    return connector.connect(loop.next(), address, 4).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private void acceptOne() {
    try (SSLSocket socket = (SSLSocket) node.accept()) {
      InputStream in = socket.getInputStream();
      // with TLS 1.3 the node's handshake ends before the proxy's side has checked the certificate
      socket.startHandshake();
      nodeReadRequest.complete(in.read() >= 0);
      while (in.read() >= 0) {
        // keep the connection open until the proxy's side closes it
      }
    } catch (IOException brokenOff) {
      nodeReadRequest.complete(false);
    }
  }

  private static KeyStore keystore() throws Exception {
    try (InputStream in = Files.newInputStream(certificate.path())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, certificate.password().toCharArray());
      return store;
    }
  }
}
