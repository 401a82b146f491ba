package dev.hoard.fetch;

import dev.hoard.url.Origin;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
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
  private final Network network;
  private final PoolingHttpClientConnectionManager pool;

  /** A client that connects directly, trusts the system's certificates and keeps cookies for the run. */
  public Http(HttpSettings settings) {
    this(settings, Network.defaults());
  }

  public Http(HttpSettings settings, Network network) {
    this.settings = settings;
    this.network = network;
    Timeout timeout = Timeout.of(settings.timeout());
    this.pool = network.configure(watchedSockets(settings.timeout()))
        .setMaxConnPerRoute(settings.maxPerHost())
        .setMaxConnTotal(Math.max(settings.maxTotal(), settings.maxPerHost()))
        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
            .incomingContentLengthStrategy(Framing.RULE)
            .build())
        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
        .setConnPoolPolicy(PoolReusePolicy.LIFO)
        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(timeout).setTcpNoDelay(true).build())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(timeout)
            .setSocketTimeout(timeout)
            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
            .build())
        .build();
    this.client = network.configure(HttpClients.custom())
        .setConnectionManager(pool)
        .setRequestExecutor(InterimAnswers.within(settings.timeout()))
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableContentCompression()
        .disableAuthCaching()
        .setUserAgent(settings.userAgent())
        .addRequestInterceptorLast(new AsciiTarget())
        .setDefaultRequestConfig(network.configure(RequestConfig.custom())
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

  /** The proxies, cookies, trust and credentials this client was built with. */
  public Network network() {
    return network;
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
