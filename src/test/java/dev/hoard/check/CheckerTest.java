package dev.hoard.check;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.fetch.CookieJar;
import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.Http;
import dev.hoard.fetch.HttpSettings;
import dev.hoard.fetch.Netrc;
import dev.hoard.fetch.Network;
import dev.hoard.fetch.ProxyConfig;
import dev.hoard.fetch.Trust;
import dev.hoard.testing.FakeClock;
import dev.hoard.testing.RawServer;
import dev.hoard.testing.TestProxy;
import dev.hoard.url.Urls;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CheckerTest {
  private Sites sites;
  private Http http;
  private final FakeClock clock = new FakeClock(0);

  @BeforeEach
  void start() throws IOException {
    sites = new Sites();
    // generous: a busy machine may be slow to answer, and only a server that never answers may time out
    http = new Http(new HttpSettings(Duration.ofSeconds(30), "hoard/test", 4, 4));
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    sites.close();
  }

  private Checker checker(int retries) {
    return checker(http, retries);
  }

  private Checker checker(Http over, int retries) {
    return new Checker(new Fetcher(over), retries, Duration.ofSeconds(1), clock);
  }

  private CheckResult check(String url) {
    return checker(0).check(URI.create(url));
  }

  @Test
  void siteAnswering200IsUpWithNoError() {
    CheckResult r = check(sites.url("/ok"));
    assertTrue(r.up());
    assertEquals(200, r.http());
    assertNull(r.error());
    assertEquals(List.of("HEAD"), sites.methods("/ok"));
  }

  @Test
  void siteAnswering404IsDownWithTheStatusAsItsError() {
    CheckResult r = check(sites.url("/missing"));
    assertFalse(r.up());
    assertEquals(404, r.http());
    assertTrue(r.error().startsWith("404"), r.error());
  }

  @Test
  void siteAnswering500IsDown() {
    CheckResult r = check(sites.url("/broken"));
    assertFalse(r.up());
    assertEquals(500, r.http());
    assertTrue(r.error().startsWith("500"), r.error());
  }

  @Test
  void closedPortIsDownWithConnectionRefused() throws IOException {
    CheckResult r = check(HangingServer.closedPortUrl());
    assertFalse(r.up());
    assertEquals(0, r.http());
    assertEquals("connection refused", r.error());
  }

  @Test
  void serverThatNeverAnswersIsDownOnceTheTimeoutPasses() throws IOException {
    // a short timeout is safe here: the server never answers, however fast or slow the machine
    try (HangingServer hanging = new HangingServer();
        Http quick = new Http(new HttpSettings(Duration.ofMillis(300), "hoard/test", 4, 4))) {
      CheckResult r = checker(quick, 0).check(URI.create(hanging.url("/")));
      assertFalse(r.up());
      assertEquals(0, r.http());
      assertTrue(r.error().startsWith("timed out"), r.error());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theTimeoutBoundsTheWholeCheckHeadThenGetThenATricklingBody() throws Exception {
    // the HEAD uses up all but a sliver of the timeout (on the fake clock the check runs by); the GET that follows
    // then trickles its body a byte at a time for ever, each byte well inside the stall window: only a deadline for
    // the whole check ends it, within what was left of the timeout
    Duration timeout = Duration.ofSeconds(30);
    CountDownLatch closed = new CountDownLatch(1);
    try (Http own = new Http(new HttpSettings(timeout, "hoard/test", 4, 4));
        RawServer server = new RawServer((head, out) -> {
          if (head.startsWith("HEAD")) {
            clock.advance(timeout.minusMillis(200));
            RawServer.send(out, ("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(US_ASCII));
            return;
          }
          RawServer.send(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".getBytes(US_ASCII));
          try {
            while (true) RawServer.trickle(out, "x", 20);
          } catch (IOException gone) {
            closed.countDown();
          }
        })) {
      CheckResult r = new Checker(new Fetcher(own), 0, Duration.ofSeconds(1), clock).check(URI.create(server.url("/")));

      assertFalse(r.up());
      assertEquals("timed out (all of it took over 30000 ms)", r.error());
      assertTrue(closed.await(30, TimeUnit.SECONDS), "the server must see the connection dropped");
    }
  }

  @Test
  void aUnicodeHostIsAskedInPunycodeAndShownInUnicode() throws Exception {
    // no DNS knows the name: a proxy that does stands in, and what it was asked for is what went on the wire
    try (RawServer server = new RawServer((head, out) -> RawServer.send(out,
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(US_ASCII)));
        TestProxy proxy = TestProxy.start().resolve("xn--bcher-kva.example", URI.create(server.url("/")).getPort());
        Http proxied = new Http(new HttpSettings(Duration.ofSeconds(30), "hoard/test", 4, 4),
            new Network(ProxyConfig.of(proxy.url(), false, Map.of()), CookieJar.empty(), Trust.system(),
                Netrc.none()))) {
      String port = String.valueOf(URI.create(server.url("/")).getPort());
      CheckResult r = checker(proxied, 0).check(Urls.parseHttp("http://b\u00fccher.example:" + port + "/"));

      assertTrue(r.up(), String.valueOf(r.error()));
      assertEquals("HEAD http://xn--bcher-kva.example:" + port + "/ HTTP/1.1", proxy.seen().get(0).requestLine());
      assertTrue(server.requests().get(0).contains("Host: xn--bcher-kva.example:" + port), server.requests().get(0));
      assertEquals("http://b\u00fccher.example:" + port + "/", r.shownUrl());
    }
  }

  @Test
  void aTlsFailureIsDown() throws IOException {
    // a plain-HTTP server behind an https URL, answering the ClientHello at once with no TLS at all: the handshake
    // fails on the first bytes it reads, never on a timeout
    try (RawServer plain = RawServer.speakingFirst("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(US_ASCII))) {
      CheckResult r = check(plain.url("/ok").replace("http://", "https://"));
      assertFalse(r.up());
      assertEquals(0, r.http());
      assertTrue(r.error().startsWith("TLS error"), r.error());
    }
  }

  @Test
  void headRefusedWith405FallsBackToGetAndCountsItsAnswer() {
    CheckResult r = check(sites.url("/no-head"));
    assertTrue(r.up(), String.valueOf(r.error()));
    assertEquals(200, r.http());
    assertEquals(List.of("HEAD", "GET"), sites.methods("/no-head"));
  }

  @Test
  void headRefusedWith501FallsBackToGetWithoutReadingTheWholeBody() {
    CheckResult r = check(sites.url("/no-head-501"));
    assertTrue(r.up(), String.valueOf(r.error()));
    assertEquals(List.of("HEAD", "GET"), sites.methods("/no-head-501"));
  }

  @Test
  void headAnsweredWithAnErrorIsNotRetriedWithGet() {
    check(sites.url("/broken"));
    assertEquals(List.of("HEAD"), sites.methods("/broken"));
  }

  @Test
  void redirectsAreFollowedToTheFinalAnswer() {
    CheckResult moved = check(sites.url("/moved"));
    assertTrue(moved.up());
    assertEquals(200, moved.http());

    CheckResult gone = check(sites.url("/moved-to-missing"));
    assertFalse(gone.up());
    assertEquals(404, gone.http());
  }

  @Test
  void aSiteThatRecoversWithinItsRetriesIsUp() {
    sites.script("/flaky", 503, 200);
    CheckResult r = checker(1).check(URI.create(sites.url("/flaky")));
    assertTrue(r.up());
    assertEquals(List.of("HEAD", "HEAD"), sites.methods("/flaky"));
    assertEquals(List.of(Duration.ofSeconds(1)), clock.sleeps());
  }

  @Test
  void aSiteDownOnEveryAttemptIsDownAfterItsRetries() {
    CheckResult r = checker(2).check(URI.create(sites.url("/broken")));
    assertFalse(r.up());
    assertEquals(3, sites.methods("/broken").size());
    assertEquals(2, clock.sleeps().size());
  }

  @Test
  void anUpSiteIsAskedOnce() {
    checker(3).check(URI.create(sites.url("/ok")));
    assertEquals(1, sites.methods("/ok").size());
    assertTrue(clock.sleeps().isEmpty());
  }
}
