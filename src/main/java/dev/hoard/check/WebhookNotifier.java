package dev.hoard.check;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.fetch.Backoff;
import dev.hoard.fetch.Failure;
import dev.hoard.fetch.Header;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.Http;
import dev.hoard.fetch.StatusException;
import dev.hoard.runtime.Clock;
import dev.hoard.url.Urls;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * {@code --webhook}: POSTs the change as the same JSON object {@code --json} prints, on the run's shared client. A
 * failed POST is tried again with backoff while the failure is worth another try (a reset, a timeout, 429, 5xx).
 */
final class WebhookNotifier implements Notifier {
  private final Http http;
  private final URI url;
  private final Backoff backoff;
  private final Clock clock;

  WebhookNotifier(Http http, URI url, Backoff backoff, Clock clock) {
    this.http = http;
    this.url = url;
    this.backoff = backoff;
    this.clock = clock;
  }

  /** Three more tries, one second apart at first, up to ten. */
  static Backoff defaultBackoff() {
    return new Backoff(3, Duration.ofSeconds(1), Duration.ofSeconds(10), Math::random);
  }

  @Override
  public String name() {
    return "--webhook";
  }

  @Override
  public void deliver(CheckResult change) throws IOException, InterruptedException {
    byte[] body = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asBytes(change.fields());
    for (int attempt = 1; ; attempt++) {
      try {
        post(body);
        return;
      } catch (IOException e) {
        Duration wait = backoff.delay(e, attempt);
        if (wait == null) {
          throw new IOException(Failure.describe(e) + (attempt > 1 ? " (after " + attempt + " attempts)" : ""), e);
        }
        clock.sleep(wait);
      }
    }
  }

  private void post(byte[] body) throws IOException {
    HttpPost post = new HttpPost(Urls.withoutUserInfo(url));
    for (Header h : HomeHeaders.of(url, List.of()).headers()) post.addHeader(h.name(), h.value());
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    StatusException refused = http.client().execute(post, response -> {
      EntityUtils.consume(response.getEntity());
      int code = response.getCode();
      return code >= 200 && code < 300 ? null : new StatusException(code, response.getReasonPhrase(), null);
    });
    if (refused != null) throw refused;
  }
}
