package dev.hoard.fetch;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusExceptionTest {
  @TempDir Path tmp;

  @Test
  void saysTheStatusWithTheServersReason() {
    assertEquals("404 Not Found", new StatusException(404, "Not Found", null).getMessage());
    assertEquals("410 Gone for good", new StatusException(410, "Gone for good", null).getMessage());
  }

  @Test
  void aStatusWithoutAReasonGetsTheStandardOne() {
    assertEquals("404 Not Found", new StatusException(404, "", null).getMessage());
    assertEquals("503 Service Unavailable", new StatusException(503, null, null).getMessage());
    assertEquals("599", new StatusException(599, " ", null).getMessage());
  }

  @Test
  void requestTimeoutsThrottlingAndServerErrorsAreRetryable() {
    assertTrue(new StatusException(408, null, null).retryable());
    assertTrue(new StatusException(429, null, null).retryable());
    assertTrue(new StatusException(500, null, null).retryable());
    assertTrue(new StatusException(503, null, null).retryable());
    assertFalse(new StatusException(400, null, null).retryable());
    assertFalse(new StatusException(403, null, null).retryable());
    assertFalse(new StatusException(404, null, null).retryable());
  }

  @Test
  void aServerThatSendsNoReasonPhraseStillGetsANotFoundMessage() throws Exception {
    Routes routes = new Routes().on("/bare", new MockResponse.Builder().status("HTTP/1.1 404").build())
        .on("/fine", ok("fine"));
    try (MockWebServer server = Servers.start(routes)) {
      Path dir = tmp.resolve("dl");

      Hoard.get(dir, url(server, "/bare"), url(server, "/fine")).exits(1).errContains(url(server, "/bare") + ": 404 Not Found");

      assertEquals("fine", Files.readString(dir.resolve("fine")));
    }
  }
}
