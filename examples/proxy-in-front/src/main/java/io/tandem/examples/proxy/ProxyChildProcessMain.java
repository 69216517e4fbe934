package io.tandem.examples.proxy;

import io.tandem.proxy.cli.TandemProxyCli;
import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of the proxy's child JVM: the proxy's own command line ({@link TandemProxyCli#main}) with
 * the same arguments, plus a lifeline: when this JVM's standard input closes (the example closed it, or the
 * example's JVM is gone, even killed) it exits, which runs the proxy's graceful shutdown as Ctrl-C would. So
 * the proxy never outlives the example.
 */
public final class ProxyChildProcessMain {

  private ProxyChildProcessMain() {}

  /** Starts the lifeline, then runs {@code tandem-proxy} with {@code args}. */
  public static void main(String[] args) {
    Thread lifeline = new Thread(() -> {
      awaitEndOfInput(System.in);
      System.exit(0);
    }, "tandem-proxy-lifeline");
    lifeline.setDaemon(true);
    lifeline.start();
    TandemProxyCli.main(args);
  }

  private static void awaitEndOfInput(InputStream input) {
    byte[] ignored = new byte[64];
    try {
      while (input.read(ignored) >= 0) {
        // nothing is ever sent; only the end of the stream matters
      }
    } catch (IOException closed) {
      // the pipe is gone: same as its end
    }
  }
}
