package io.tandem.proxy.cli;

import io.tandem.core.api.Side;
import io.tandem.proxy.api.ProxyConfig;

/**
 * What the launcher needs: the proxy's configuration, and the cluster reads go to once it runs (applied
 * through {@code proxy.control().routeReadsTo(readSide)} after start).
 */
record ProxySettings(ProxyConfig proxy, Side readSide) {}
