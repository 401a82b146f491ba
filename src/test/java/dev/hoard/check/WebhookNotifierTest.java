package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.fetch.Backoff;
import dev.hoard.fetch.Http;
import dev.hoard.fetch.HttpSettings;
import dev.hoard.testing.FakeClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
  private final MockWebServer receiver = new MockWebServer();
  private final FakeClock clock = new FakeClock(0);
  private Http http;

  private static final CheckResult DOWN =
      CheckResult.down(URI.create("https://me:secret@a.test/x"), 503, 40, "503 Service Unavailable");

  @BeforeEach
  void start() throws IOException {
    receiver.start(InetAddress.getLoopbackAddress(), 0);
    // generous: the receiver answers at once, and a busy machine must not turn that into a timeout
    http = new Http(new HttpSettings(Duration.ofSeconds(30), "hoard/test", 2, 2));
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    receiver.close();
  }

  private WebhookNotifier webhook() {
    return new WebhookNotifier(http, URI.create(receiver.url("/hook").toString()),
        new Backoff(3, Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.0), clock);
  }

  private static MockResponse code(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  @Test
  void postsTheChangeAsTheSameJsonObjectAsJsonLines() throws Exception {
    receiver.enqueue(code(204));
    webhook().deliver(DOWN);
    RecordedRequest request = receiver.takeRequest();
    assertEquals("POST", request.getMethod());
    assertEquals("/hook", request.getUrl().encodedPath());
    assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("url", "https://me:***@a.test/x");
    expected.put("state", "down");
    expected.put("http", 503);
    expected.put("ms", 40);
    expected.put("error", "503 Service Unavailable");
    assertEquals(expected, JSON.std.mapFrom(request.getBody().utf8()));
  }

  @Test
  void aServerErrorIsRetriedAfterABackoffPause() throws Exception {
    receiver.enqueue(code(503));
    receiver.enqueue(code(200));
    webhook().deliver(DOWN);
    assertEquals(2, receiver.getRequestCount());
    assertEquals(1, clock.sleeps().size());
  }

  @Test
  void aClientErrorFailsAtOnce() {
    receiver.enqueue(code(404));
    IOException e = assertThrows(IOException.class, () -> webhook().deliver(DOWN));
    assertTrue(e.getMessage().startsWith("404"), e.getMessage());
    assertEquals(1, receiver.getRequestCount());
  }

  @Test
  void aReceiverFailingEveryTryFailsAfterTheLastRetry() {
    for (int i = 0; i < 4; i++) receiver.enqueue(code(500));
    IOException e = assertThrows(IOException.class, () -> webhook().deliver(DOWN));
    assertTrue(e.getMessage().startsWith("500") && e.getMessage().endsWith("(after 4 attempts)"), e.getMessage());
    assertEquals(4, receiver.getRequestCount());
    assertEquals(3, clock.sleeps().size());
  }
}
