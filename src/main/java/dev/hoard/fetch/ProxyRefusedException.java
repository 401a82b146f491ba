package dev.hoard.fetch;

import java.net.ConnectException;

/**
 * The proxy a request goes through refused the connection: the message names the proxy, not the URL's server, which
 * was never asked. A refused connection still, for retries and mirrors.
 */
final class ProxyRefusedException extends ConnectException {
  ProxyRefusedException(ProxyServer proxy, ConnectException cause) {
    super("proxy " + proxy.host() + ":" + proxy.port() + " refused the connection");
    initCause(cause);
  }
}
