package dev.hoard.fetch;

import java.io.IOException;
import org.apache.hc.client5.http.auth.AuthExchange;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;

/**
 * Gives a request's proxy its credentials up front: HttpClient then sends them in Proxy-Authorization on the CONNECT
 * of a tunnel and on each absolute-form request, to the proxy only. A header set on the request itself would not do:
 * HttpClient strips Proxy-Authorization from the CONNECT it builds, and a request's headers do not know its route.
 */
final class ProxyCredentials implements ExecChainHandler {
  private final ProxyConfig config;

  ProxyCredentials(ProxyConfig config) {
    this.config = config;
  }

  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    HttpHost proxy = scope.route.getProxyHost();
    ProxyServer server = proxy == null ? null : config.serverAt(proxy);
    if (server != null && server.hasCredentials()) {
      AuthExchange exchange = scope.clientContext.getAuthExchange(proxy);
      if (exchange.getAuthScheme() == null) {
        BasicScheme basic = new BasicScheme(); // encodes user and password as UTF-8
        basic.initPreemptive(new UsernamePasswordCredentials(server.user(), server.password().toCharArray()));
        exchange.select(basic);
      }
    }
    return chain.proceed(request, scope);
  }
}
