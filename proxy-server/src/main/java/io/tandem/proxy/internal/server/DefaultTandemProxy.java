package io.tandem.proxy.internal.server;

import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;

/** The proxy's lifecycle: sessions, engine, Netty server, admin endpoint. */
public abstract class DefaultTandemProxy implements TandemProxy {

  public static TandemProxy start(ProxyConfig config) {
    throw new UnsupportedOperationException("being built");
  }
}
