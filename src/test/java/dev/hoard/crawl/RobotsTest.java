package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RobotsTest {
  static final String ROBOTS = """
      User-agent: *
      Disallow: /

      User-agent: hoard
      Disallow: /private/
      Allow: /private/open.html
      """;

  /** The source the scheduler would write, with the JDK's client: enough to prove the wiring over real HTTP. */
  static final class HttpRobotsSource implements RobotsSource {
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Override public Optional<RobotsFile> fetch(URI robotsUrl) throws IOException, InterruptedException {
      HttpResponse<byte[]> r =
          client.send(HttpRequest.newBuilder(robotsUrl).build(), HttpResponse.BodyHandlers.ofByteArray());
      return Optional.of(new RobotsFile(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(null)));
    }
  }

  /** A source that answers from a script and counts its calls per URL. */
  static final class FakeSource implements RobotsSource {
    final Map<URI, AtomicInteger> calls = new ConcurrentHashMap<>();
    final RobotsSource answer;

    FakeSource(RobotsSource answer) {
      this.answer = answer;
    }

    @Override public Optional<RobotsFile> fetch(URI robotsUrl) throws IOException, InterruptedException {
      calls.computeIfAbsent(robotsUrl, u -> new AtomicInteger()).incrementAndGet();
      return answer.fetch(robotsUrl);
    }
  }

  static RobotsSource status(int code, String body) {
    return u -> Optional.of(new RobotsFile(code, body.getBytes(StandardCharsets.UTF_8), "text/plain"));
  }

  static boolean allowed(Robots robots, String url) throws InterruptedException {
    return robots.allowed(URI.create(url));
  }

  @Test
  void obeysTheGroupForHoardServedOverHttp() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body(ROBOTS).build());
      server.start();
      Robots robots = new Robots(new HttpRobotsSource());
      String origin = "http://" + server.getHostName() + ":" + server.getPort();

      assertTrue(allowed(robots, origin + "/public/page.html"));
      assertFalse(allowed(robots, origin + "/private/secret.html"));
      assertTrue(allowed(robots, origin + "/private/open.html"));
      assertFalse(allowed(robots, origin + "/private/"));

      assertEquals(1, server.getRequestCount());
      assertEquals("/robots.txt", server.takeRequest().getUrl().encodedPath());
    }
  }

  @Test
  void disallowsAllWhenTheServerFails() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(503).body("down").build());
      server.start();
      Robots robots = new Robots(new HttpRobotsSource());

      assertFalse(allowed(robots, server.url("/anything").toString()));
    }
  }

  @Test
  void allowsAllWhenNoAnswerComesAndAsksOnce() throws Exception {
    String url;
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      url = server.url("/page.html").toString();
    }
    FakeSource source = new FakeSource(new HttpRobotsSource());
    Robots robots = new Robots(source);

    assertThrows(ConnectException.class, () -> source.answer.fetch(URI.create(url)));
    assertTrue(allowed(robots, url));
    assertTrue(allowed(robots, url));
    assertEquals(1, source.calls.values().iterator().next().get());
  }

  @Test
  void mapsEachAnswerToTheRulesForTheRun() throws InterruptedException {
    assertTrue(allowed(new Robots(status(404, "")), "http://h/x"));
    assertTrue(allowed(new Robots(status(410, "")), "http://h/x"));
    assertTrue(allowed(new Robots(status(403, "")), "http://h/x"));
    assertTrue(allowed(new Robots(u -> Optional.empty()), "http://h/x"));
    assertTrue(allowed(new Robots(status(200, "")), "http://h/x"));
    assertFalse(allowed(new Robots(status(500, ROBOTS)), "http://h/x"));
    assertFalse(allowed(new Robots(status(503, "")), "http://h/x"));
    assertFalse(allowed(new Robots(status(429, "")), "http://h/x"));
    assertFalse(allowed(new Robots(status(301, "")), "http://h/x"));
  }

  @Test
  void aFailingServerIsLeftAloneAndTheNoteSaysWhy() throws InterruptedException {
    List<String> said = new ArrayList<>();
    assertFalse(allowed(new Robots(status(503, ""), said::add), "http://h/x"));
    assertFalse(allowed(new Robots(status(429, ""), said::add), "http://h/x"));
    assertTrue(allowed(new Robots(status(404, ""), said::add), "http://h/x"));
    assertEquals(List.of(
        "http://h/robots.txt: answered 503; none of this host's links are crawled this run (--no-robots ignores"
            + " robots.txt)",
        "http://h/robots.txt: answered 429; none of this host's links are crawled this run (--no-robots ignores"
            + " robots.txt)"), said, "a 404 allows all, and needs no note");
  }

  @Test
  void aRobotsTxtThatCannotBeHadCountsAsNoneAndSaysWhy() throws InterruptedException {
    List<String> said = new ArrayList<>();
    Robots robots = new Robots(u -> { throw new IOException("stalled: less than 1 KiB in 3000 ms"); }, said::add);
    assertTrue(allowed(robots, "http://h/x"));
    assertEquals(List.of("http://h/robots.txt: cannot be read (stalled: less than 1 KiB in 3000 ms); crawling as if"
        + " there were none"), said);
  }

  @Test
  void readyIsNullOnceKnownAndAStageWhileTheFileIsFetchedElsewhere() throws Exception {
    List<Runnable> fetches = new ArrayList<>();
    Robots robots = new Robots(status(200, ROBOTS));
    URI url = URI.create("http://h/x");
    var stage = robots.ready(url, fetches::add);
    assertNotNull(stage);
    assertFalse(stage.isDone(), "the fetch waits for the executor");
    assertSame(stage, robots.ready(URI.create("http://h/y"), fetches::add), "one fetch per origin");
    assertEquals(1, fetches.size());
    fetches.get(0).run();
    assertTrue(stage.isDone());
    assertNull(robots.ready(url, fetches::add));
  }

  @Test
  void usesTheStarGroupWhenNoGroupNamesHoard() throws InterruptedException {
    Robots robots = new Robots(status(200, "User-agent: *\nDisallow: /tmp/\n\nUser-agent: otherbot\nDisallow: /\n"));

    assertFalse(allowed(robots, "http://h/tmp/x"));
    assertTrue(allowed(robots, "http://h/docs/x"));
  }

  @Test
  void keysTheCacheByOriginNotByUrlSpelling() throws InterruptedException {
    FakeSource source = new FakeSource(status(200, "User-agent: *\nDisallow: /no/\n"));
    Robots robots = new Robots(source);

    allowed(robots, "http://H.test/a");
    allowed(robots, "http://h.test:80/b");
    allowed(robots, "https://h.test/c");
    allowed(robots, "https://h.test:443/d");
    allowed(robots, "http://h.test:8080/e");

    assertEquals(Map.of(
        URI.create("http://h.test/robots.txt"), 1,
        URI.create("https://h.test/robots.txt"), 1,
        URI.create("http://h.test:8080/robots.txt"), 1), counts(source));
  }

  @Test
  @Timeout(10)
  void fetchesEachOriginOnceUnderConcurrentCallers() throws Exception {
    int threads = 24;
    CountDownLatch allCalling = new CountDownLatch(threads);
    FakeSource source = new FakeSource(u -> {
      allCalling.await(); // holds the fetch until every thread is calling, so they pile up on it
      return status(200, "User-agent: *\nDisallow: /no/\n").fetch(u);
    });
    Robots robots = new Robots(source);
    List<String> origins = List.of("http://a.test", "http://b.test", "https://a.test", "http://a.test:8080");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String url = origins.get(i % origins.size()) + (i % 2 == 0 ? "/no/x" : "/yes/x");
        answers.add(pool.submit(() -> {
          allCalling.countDown();
          return allowed(robots, url);
        }));
      }
      for (int i = 0; i < threads; i++) {
        assertEquals(i % 2 != 0, answers.get(i).get());
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
    assertEquals(4, source.calls.size());
    source.calls.values().forEach(c -> assertEquals(1, c.get()));
  }

  @Test
  void anInterruptedFetchLetsTheNextCallerFetchAgain() throws InterruptedException {
    AtomicInteger attempt = new AtomicInteger();
    FakeSource source = new FakeSource(u -> {
      if (attempt.incrementAndGet() == 1) throw new InterruptedException();
      return status(200, "User-agent: *\nDisallow: /no/\n").fetch(u);
    });
    Robots robots = new Robots(source);

    assertThrows(InterruptedException.class, () -> allowed(robots, "http://h/no/x"));
    assertFalse(allowed(robots, "http://h/no/x"));
    assertEquals(2, attempt.get());
  }

  @Test
  void readsNoMoreThanTheByteCap() throws InterruptedException {
    String padding = "# " + "x".repeat(1000) + "\n";
    String body = "User-agent: *\nDisallow: /early/\n" + padding.repeat(Robots.MAX_BYTES / padding.length() + 1)
        + "Disallow: /late/\n";
    Robots robots = new Robots(status(200, body));

    assertFalse(allowed(robots, "http://h/early/x"));
    assertTrue(allowed(robots, "http://h/late/x"));
  }

  @Test
  void refusesWhatIsNotAnHttpUrl() {
    Robots robots = new Robots(status(200, ""));

    assertThrows(IllegalArgumentException.class, () -> allowed(robots, "ftp://h/x"));
    assertThrows(IllegalArgumentException.class, () -> allowed(robots, "/relative"));
  }

  static Map<URI, Integer> counts(FakeSource source) {
    Map<URI, Integer> out = new java.util.HashMap<>();
    source.calls.forEach((u, c) -> out.put(u, c.get()));
    return out;
  }
}
