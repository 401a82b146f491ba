package dev.hoard.fetch;

import java.util.Objects;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * The network settings of a run, read from its options before any request: proxies, cookies, trusted certificates,
 * and netrc credentials. The first three shape the one shared HTTP client; netrc is {@link Fetcher}'s.
 */
public record Network(ProxyConfig proxies, CookieJar cookies, Trust trust, Netrc netrc) {
  public Network {
    Objects.requireNonNull(proxies, "proxies");
    Objects.requireNonNull(cookies, "cookies");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(netrc, "netrc");
  }

  /** Direct connections, an empty cookie jar, the system's certificates, no netrc. */
  public static Network defaults() {
    return new Network(ProxyConfig.none(), CookieJar.empty(), Trust.system(), Netrc.none());
  }

  /** Sets the TLS strategy of the connection pool. */
  public PoolingHttpClientConnectionManagerBuilder configure(PoolingHttpClientConnectionManagerBuilder pool) {
    return pool.setTlsSocketStrategy(trust.socketStrategy());
  }

  /** Installs proxy routing and cookie handling; the builder must not call {@code disableCookieManagement()}. */
  public HttpClientBuilder configure(HttpClientBuilder client) {
    proxies.install(client);
    cookies.install(client);
    return client;
  }

  /** Sets the cookie spec of the default request config. */
  public RequestConfig.Builder configure(RequestConfig.Builder config) {
    return CookieJar.configure(config);
  }
}
