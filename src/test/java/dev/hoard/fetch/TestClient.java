package dev.hoard.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/** An HttpClient built from a {@link Network} the way {@link Http} builds the run's client, for one GET at a time. */
final class TestClient implements Closeable {
  /** A response: its status and body. */
  record Answer(int code, String body) {}

  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;

  TestClient(Network network) {
    Timeout timeout = Timeout.of(Duration.ofSeconds(20));
    pool = network.configure(PoolingHttpClientConnectionManagerBuilder.create()).build();
    client = network.configure(HttpClients.custom())
        .setConnectionManager(pool)
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableContentCompression()
        .disableAuthCaching()
        .setDefaultRequestConfig(network.configure(RequestConfig.custom())
            .setRedirectsEnabled(false)
            .setResponseTimeout(timeout)
            .setConnectionRequestTimeout(timeout)
            .build())
        .build();
  }

  /** GET {@code url} with {@code headers} ({@code name, value, name, value...}). */
  Answer get(String url, String... headers) throws IOException {
    HttpGet get = new HttpGet(url);
    for (int i = 0; i < headers.length; i += 2) get.addHeader(headers[i], headers[i + 1]);
    return client.execute(get, r -> new Answer(r.getCode(), r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity())));
  }

  @Override
  public void close() {
    client.close(CloseMode.IMMEDIATE);
    pool.close(CloseMode.IMMEDIATE);
  }
}
