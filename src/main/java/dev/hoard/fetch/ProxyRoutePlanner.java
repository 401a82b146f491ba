package dev.hoard.fetch;

import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Routes each request by its own target: through the {@link ProxyConfig} proxy for its scheme and host (plain http
 * in absolute form, https through a CONNECT tunnel, as HttpClient builds a proxied route), or direct.
 */
final class ProxyRoutePlanner extends DefaultRoutePlanner {
  private final ProxyConfig config;

  ProxyRoutePlanner(ProxyConfig config) {
    super(DefaultSchemePortResolver.INSTANCE);
    this.config = config;
  }

  @Override
  protected HttpHost determineProxy(HttpHost target, HttpContext context) {
    return config.proxyFor(target.getSchemeName(), target.getHostName()).map(ProxyServer::httpHost).orElse(null);
  }
}
