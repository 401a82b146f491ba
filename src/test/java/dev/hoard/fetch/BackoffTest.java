package dev.hoard.fetch;

import dev.hoard.testing.ServedFolderTest;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.resetBeforeAnswer;
import static dev.hoard.testing.Servers.resetMidBody;
import static dev.hoard.testing.Servers.status;
import static dev.hoard.testing.Servers.unavailable;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

class BackoffTest extends ServedFolderTest {
  private static final String BODY = "0123456789abcdef".repeat(4096);


  @Test
  void aResetBeforeTheAnswerIsRetried() throws Exception {
    routes.on("/file.bin", resetBeforeAnswer(), resetBeforeAnswer(), ok(BODY));

    Hoard.get(dir, url(server, "/file.bin")).exits(0);

    assertEquals(BODY, Files.readString(dir.resolve("file.bin")));
    assertEquals(3, routes.requests("/file.bin").size());
  }

  @Test
  void aResetInTheMiddleOfTheBodyIsRetried() throws Exception {
    routes.on("/file.bin", resetMidBody(BODY), ok(BODY));

    Hoard.get(dir, url(server, "/file.bin")).exits(0);

    assertEquals(BODY, Files.readString(dir.resolve("file.bin")));
    assertEquals(2, routes.requests("/file.bin").size());
    assertFalse(Files.exists(dir.resolve("file.bin.part")));
  }

  @Test
  void aFailedDownloadReportsTheBytesItsPartFileHolds() throws Exception {
    // 4,000 bytes of the 10,000 the headers promise, then the server closes: no ranges, so no piece to resume
    routes.on("/cut.bin", new MockResponse.Builder().code(200).body("x".repeat(4000))
        .setHeader("Content-Length", "10000")
        .onResponseEnd(new SocketEffect.CloseSocket(true, true, true)).build());

    var run = Hoard.get(dir, "--json", "--retries=0", url(server, "/cut.bin")).exits(1);

    assertEquals(4000L, Files.size(dir.resolve("cut.bin.part")));
    assertEquals(4000, run.record("/cut.bin").get("bytes"));
    assertEquals(4000, run.summary().get("bytes"));
  }

  @Test
  void resetsBeyondTheRetriesFailTheDownload() throws Exception {
    routes.on("/file.bin", resetBeforeAnswer());

    Hoard.get(dir, "--retries=2", url(server, "/file.bin")).exits(1).errContains(url(server, "/file.bin"));

    assertEquals(3, routes.requests("/file.bin").size(), "the first attempt and two retries");
    assertFalse(Files.exists(dir.resolve("file.bin")));
  }

  @Test
  void aServiceUnavailableWithRetryAfterIsRetriedThenSucceeds() throws Exception {
    routes.on("/busy.bin", unavailable("1"), ok("at last"));

    Hoard.get(dir, url(server, "/busy.bin")).exits(0);

    assertEquals("at last", Files.readString(dir.resolve("busy.bin")));
    assertEquals(2, routes.requests("/busy.bin").size());
  }

  @Test
  void aRetryAfterOverFiveMinutesFailsAtOnceSayingHowLongTheServerAsked() throws Exception {
    routes.on("/busy.bin", unavailable("3600")).on("/fine.txt", ok("fine"));

    var run = Hoard.get(dir, "--json", url(server, "/busy.bin"), url(server, "/fine.txt")).exits(1)
        .errContains(url(server, "/busy.bin"), "server asks to wait 3600 s");

    assertEquals(1, routes.requests("/busy.bin").size());
    assertEquals("fine", Files.readString(dir.resolve("fine.txt")));
    assertEquals(503, run.record("/busy.bin").get("http"), "the status that asked to wait");
  }

  @Test
  void aNotFoundIsNotRetried() throws Exception {
    routes.on("/gone", status(404, "Not Found"));

    Hoard.get(dir, url(server, "/gone")).exits(1).errContains("404 Not Found");

    assertEquals(1, routes.requests("/gone").size());
  }

  @Test
  void aServerErrorIsRetriedUpToTheLimit() throws Exception {
    routes.on("/flaky", status(500, "Internal Server Error"));

    Hoard.get(dir, "--retries=3", url(server, "/flaky")).exits(1).errContains("500 Internal Server Error");

    assertEquals(4, routes.requests("/flaky").size());
  }

  // ---- the policy, without a server ----------------------------------------------------------------------------

  private final Backoff backoff = new Backoff(3, Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);

  @Test
  void waitsDoubleWithJitterUpToTheCap() throws IOException {
    IOException reset = new SocketException("Connection reset");
    assertEquals(Duration.ofMillis(75), backoff.delay(reset, 1));
    assertEquals(Duration.ofMillis(150), backoff.delay(reset, 2));
    assertEquals(Duration.ofMillis(300), backoff.delay(reset, 3));
    Backoff capped = new Backoff(20, Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999);
    assertTrue(capped.delay(reset, 15).compareTo(Duration.ofSeconds(1)) <= 0);
  }

  @Test
  void getsWaitsStartAtTheRetryWaitAndStopAtThirtySecondsOrAtALongerFirstWait() throws IOException {
    IOException reset = new SocketException("Connection reset");
    Backoff usual = Backoff.startingAt(20, Duration.ofMillis(500), () -> 0.999);
    assertEquals(Duration.ofMillis(499), usual.delay(reset, 1));
    assertEquals(Duration.ofMillis(29_985), usual.delay(reset, 15));
    Backoff patient = Backoff.startingAt(20, Duration.ofMinutes(2), () -> 0.999);
    assertEquals(Duration.ofMillis(119_940), patient.delay(reset, 1), "a first wait over the usual cap is kept");
    assertEquals(Duration.ofMillis(119_940), patient.delay(reset, 5));
    assertEquals(Duration.ZERO, Backoff.startingAt(3, Duration.ZERO, () -> 0.5).delay(reset, 2));
  }

  @Test
  void givesUpAfterTheRetries() throws IOException {
    assertNull(backoff.delay(new SocketException("Connection reset"), 4));
  }

  @Test
  void honoursRetryAfterUpToFiveMinutes() throws IOException {
    assertEquals(Duration.ofSeconds(7), backoff.delay(new StatusException(503, "Service Unavailable",
        Duration.ofSeconds(7)), 1));
    assertEquals(Duration.ofMinutes(5), backoff.delay(new StatusException(429, "Too Many Requests",
        Duration.ofMinutes(5)), 1));
    GiveUpException e = assertThrows(GiveUpException.class, () -> backoff.delay(new StatusException(503,
        "Service Unavailable", Duration.ofSeconds(301)), 1));
    assertTrue(e.getMessage().contains("server asks to wait 301 s"), e.getMessage());
  }

  @Test
  void clientErrorsAndFatalFailuresAreNotRetried() throws IOException {
    assertNull(backoff.delay(new StatusException(404, "Not Found", null), 1));
    assertNull(backoff.delay(new StatusException(403, "Forbidden", null), 1));
    assertNull(backoff.delay(new GiveUpException("redirect loop"), 1));
    assertEquals(Duration.ofMillis(75), backoff.delay(new StatusException(408, "Request Timeout", null), 1));
    assertEquals(Duration.ofMillis(75), backoff.delay(new StatusException(429, "Too Many Requests", null), 1));
  }
}
