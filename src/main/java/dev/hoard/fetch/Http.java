package dev.hoard.fetch;

import dev.hoard.url.Origin;
import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one shared HTTP client of a run: pooled keep-alive connections, capped per host, TLS verified.
 * Redirects, retries and content decoding are off here: {@link Fetcher} does them under hoard's rules.
 */
public final class Http implements Closeable {
  final CloseableHttpClient client;
  final HttpSettings settings;
  private final PoolingHttpClientConnectionManager pool;

  public Http(HttpSettings settings) {
    this.settings = settings;
    Timeout timeout = Timeout.of(settings.timeout());
    this.pool = watchedSockets(settings.timeout())
        .setMaxConnPerRoute(settings.maxPerHost())
        .setMaxConnTotal(Math.max(settings.maxTotal(), settings.maxPerHost()))
        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
        .setTlsSocketStrategy(new LazyTls())
        .setConnPoolPolicy(PoolReusePolicy.LIFO)
        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(timeout).setTcpNoDelay(true).build())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(timeout)
            .setSocketTimeout(timeout)
            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
            .build())
        .build();
    this.client = HttpClients.custom()
        .setConnectionManager(pool)
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableContentCompression()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(settings.userAgent())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setRedirectsEnabled(false)
            .setResponseTimeout(timeout)
            // a request past --max-per-host waits its turn: to the pool, 0 (DISABLED, INFINITE) means give up at once
            .setConnectionRequestTimeout(Timeout.ofDays(365))
            .build())
        .evictIdleConnections(TimeValue.ofSeconds(30))
        .build();
  }

  /**
   * A pool builder whose connections run over {@link WatchedSocket}s: the stall rule covers every byte a server
   * sends, its TLS handshake and response head included.
   */
  private static PoolingHttpClientConnectionManagerBuilder watchedSockets(Duration timeout) {
    return new PoolingHttpClientConnectionManagerBuilder() {
      @Override
      protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver ports, DnsResolver dns,
          TlsSocketStrategy tls) {
        return new DefaultHttpClientConnectionOperator(proxy -> new WatchedSocket(proxy, timeout), ports, dns,
            RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build());
      }
    };
  }

  /** How many more connections to {@code url}'s host could open now without waiting for the per-host cap. */
  public int spareConnections(URI url) {
    var total = pool.getTotalStats();
    int spare = total.getMax() - total.getLeased() - total.getPending();
    int port = Origin.of(url).port();
    for (var route : pool.getRoutes()) {
      var host = route.getTargetHost();
      if (host.getHostName().equalsIgnoreCase(url.getHost()) && host.getPort() == port) {
        var stats = pool.getStats(route);
        spare = Math.min(spare, stats.getMax() - stats.getLeased() - stats.getPending());
      }
    }
    return Math.max(0, spare);
  }

  /**
   * The default TLS strategy (system trust store, hostnames verified), built on the first https connection: loading
   * the trust store costs a tenth of a second that a run over plain http should not pay.
   */
  static final class LazyTls implements TlsSocketStrategy {
    private volatile TlsSocketStrategy real;

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment,
        HttpContext context) throws IOException {
      TlsSocketStrategy r = real;
      if (r == null) {
        synchronized (this) {
          if (real == null) real = DefaultClientTlsStrategy.createDefault();
          r = real;
        }
      }
      return r.upgrade(socket, target, port, attachment, context);
    }
  }

  public HttpSettings settings() {
    return settings;
  }

  /** The pooled client itself, for requests {@link Fetcher} does not make (the webhook's POST). */
  public CloseableHttpClient client() {
    return client;
  }

  @Override
  public void close() throws IOException {
    client.close(CloseMode.IMMEDIATE);
    pool.close(CloseMode.IMMEDIATE);
  }
}
