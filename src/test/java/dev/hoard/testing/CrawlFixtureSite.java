package dev.hoard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A small web site for crawl tests: a MockWebServer on 127.0.0.1 whose dispatcher serves a page tree held by the
 * test, answers 404 for anything else (robots.txt included, until one is given), honours {@code Range} on the files
 * that advertise {@code Accept-Ranges} (through a {@link RangeDispatcher}), and logs every request in the order it
 * arrived.
 *
 * <p>Routes are keyed by the request target as it travels (path and query, percent-encoded), e.g. {@code /a/b/} or
 * {@code /caf%C3%A9.txt}. The site can be named by another host name than 127.0.0.1 ({@code localhost}) to play a
 * second host: it still binds 127.0.0.1 only.
 */
public final class CrawlFixtureSite implements AutoCloseable {
  /** One request as the server saw it, with its {@code Range} and {@code If-Modified-Since} (null when not sent). */
  /** A request as it arrived; {@code nanos} is when, on {@link System#nanoTime}'s scale. */
  public record Hit(String method, String target, String range, String ifModifiedSince, long nanos) {}

  private final MockWebServer server = new MockWebServer();
  private final String hostName;
  private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
  private final Map<String, Function<String, MockResponse>> prefixes = new ConcurrentHashMap<>();
  private final Map<String, Runnable> hooks = new ConcurrentHashMap<>();
  private final List<Hit> hits = new ArrayList<>();
  private final RangeDispatcher ranged = new RangeDispatcher();

  private CrawlFixtureSite(String hostName) {
    this.hostName = hostName;
  }

  /** A site on 127.0.0.1 at a free port, named 127.0.0.1. */
  public static CrawlFixtureSite start() throws IOException {
    return start("127.0.0.1");
  }

  /** A site on 127.0.0.1 at a free port, named {@code hostName} in its URLs (a name that resolves to 127.0.0.1). */
  public static CrawlFixtureSite start(String hostName) throws IOException {
    CrawlFixtureSite site = new CrawlFixtureSite(hostName);
    site.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return site.serve(request);
      }
    });
    site.server.start(InetAddress.getByName("127.0.0.1"), 0);
    return site;
  }

  /** {@code http://HOST:PORT} + {@code target}. */
  public String url(String target) {
    return "http://" + hostName + ":" + server.getPort() + target;
  }

  /** The folder the site's files land in under {@code -r}: {@code HOST:PORT}. */
  public String hostFolder() {
    return hostName + ":" + server.getPort();
  }

  /** An HTML page, sent as {@code text/html; charset=utf-8}. */
  public CrawlFixtureSite page(String target, String html) {
    return file(target, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  /** A file sent whole with a 200, whatever Range was asked. */
  public CrawlFixtureSite file(String target, String contentType, byte[] body) {
    routes.put(target, r -> ok(contentType, body).build());
    return this;
  }

  /**
   * A file that advertises {@code Accept-Ranges: bytes} and answers a {@code Range} with a 206 of that range, served
   * by the site's {@link RangeDispatcher}.
   */
  public CrawlFixtureSite rangedFile(String target, String contentType, byte[] body) {
    ranged.file(target, body, null);
    routes.put(target, r -> {
      try {
        return ranged.dispatch(r).newBuilder().setHeader("Content-Type", contentType).build();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted serving " + target, e);
      }
    });
    return this;
  }

  /**
   * A file sent with {@code Last-Modified: lastModified} (an HTTP date), answering {@code 304 Not Modified} to an
   * {@code If-Modified-Since} that is not older. Calling it again for the target changes the file.
   */
  public CrawlFixtureSite dated(String target, String contentType, byte[] body, String lastModified) {
    ZonedDateTime modified = ZonedDateTime.parse(lastModified,
        DateTimeFormatter.RFC_1123_DATE_TIME);
    routes.put(target, r -> {
      String since = r.getHeaders().get("If-Modified-Since");
      if (since != null && !ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME).isBefore(modified)) {
        return new MockResponse.Builder().code(304).addHeader("Last-Modified", lastModified).build();
      }
      return ok(contentType, body).addHeader("Last-Modified", lastModified).build();
    });
    return this;
  }

  /** A redirect to {@code location}. */
  public CrawlFixtureSite redirect(String target, String location) {
    routes.put(target, r -> new MockResponse.Builder().code(302).addHeader("Location", location).build());
    return this;
  }

  /** {@code /robots.txt} with this text. */
  public CrawlFixtureSite robots(String text) {
    return file("/robots.txt", "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Every target starting with {@code prefix} is answered by {@code answer}, given the rest of the target. */
  public CrawlFixtureSite under(String prefix, Function<String, MockResponse> answer) {
    prefixes.put(prefix, answer);
    return this;
  }

  /** Runs {@code hook} on the server's thread before {@code target} is answered (a latch, to order events). */
  public CrawlFixtureSite beforeServing(String target, Runnable hook) {
    hooks.put(target, hook);
    return this;
  }

  /** A 200 response builder with this type and body. */
  public static MockResponse.Builder ok(String contentType, byte[] body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", contentType).body(new Buffer().write(body));
  }

  /** Every request so far, in arrival order. */
  public synchronized List<Hit> hits() {
    return List.copyOf(hits);
  }

  /** The targets requested so far, in arrival order. */
  public List<String> requested() {
    return hits().stream().map(Hit::target).toList();
  }

  /** How many times {@code target} was requested. */
  public long count(String target) {
    return requested().stream().filter(target::equals).count();
  }

  @Override
  public void close() {
    server.close();
    ranged.close();
  }

  private MockResponse serve(RecordedRequest request) {
    String target = request.getTarget();
    synchronized (this) {
      hits.add(new Hit(request.getMethod(), target, request.getHeaders().get("Range"),
          request.getHeaders().get("If-Modified-Since"), System.nanoTime()));
    }
    Runnable hook = hooks.get(target);
    if (hook != null) hook.run();
    Function<RecordedRequest, MockResponse> route = routes.get(target);
    if (route != null) return route.apply(request);
    for (Map.Entry<String, Function<String, MockResponse>> p : prefixes.entrySet()) {
      if (target.startsWith(p.getKey())) return p.getValue().apply(target.substring(p.getKey().length()));
    }
    return new MockResponse.Builder().code(404).addHeader("Content-Type", "text/plain").body("not found").build();
  }
}
