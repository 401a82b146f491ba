package dev.hoard.crawl;

import static dev.hoard.testing.Servers.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SitemapsTest {
  /** The source the scheduler would write, with the JDK's client: enough to prove the walk over real HTTP. */
  static final class HttpSource implements Sitemaps.Source {
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Override public Sitemaps.Answer fetch(URI url, int maxBytes) throws IOException, InterruptedException {
      HttpResponse<InputStream> r =
          client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        byte[] body = in.readNBytes(maxBytes + 1);
        return new Sitemaps.Answer(r.statusCode(), body, r.headers().firstValue("Content-Type").orElse(null));
      }
    }
  }

  private final Routes routes = new Routes();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = Servers.start(routes);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String url(String path) {
    return Servers.url(server, path);
  }

  static MockResponse typed(String contentType, byte[] body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", contentType).body(new Buffer().write(body))
        .build();
  }

  static MockResponse xml(String body) {
    return typed("application/xml", body.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  String urlset(String... paths) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (String p : paths) b.append("  <url><loc>").append(p.startsWith("http") ? p : url(p)).append("</loc></url>\n");
    return b.append("</urlset>\n").toString();
  }

  String index(String... paths) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (String p : paths) b.append("  <sitemap><loc>").append(url(p)).append("</loc></sitemap>\n");
    return b.append("</sitemapindex>\n").toString();
  }

  List<String> walk(Sitemaps sitemaps, List<String> problems) throws InterruptedException {
    List<String> out = new ArrayList<>();
    Sitemaps.Outcome o = sitemaps.walk(URI.create(url("/start.html")), u -> out.add(u.toString()));
    problems.addAll(o.problems());
    assertEquals(out.size(), o.urls());
    return out;
  }

  @Test
  void followsRobotsSitemapLinesIndexesAndGzippedSitemaps() throws InterruptedException {
    routes.on("/robots.txt", ok("User-agent: *\nDisallow: /private/\n\nSitemap: " + url("/sitemap_index.xml") + "\n"))
        .on("/sitemap_index.xml", xml(index("/sitemaps/pages.xml.gz", "/sitemaps/posts.xml", "/sitemaps/broken.xml",
            "/sitemaps/posts.xml")))
        .on("/sitemaps/pages.xml.gz", typed("application/x-gzip", gzip(urlset("/", "/about/", "/orphan.html"))))
        .on("/sitemaps/posts.xml", xml(urlset("/posts/1.html", "/posts/caf%C3%A9.html", "http://other.test/x")))
        .on("/sitemaps/broken.xml", typed("text/html", "<html>oops</html>".getBytes(StandardCharsets.UTF_8)));
    List<String> problems = new ArrayList<>();

    List<String> urls = walk(new Sitemaps(new HttpSource()), problems);

    assertEquals(List.of(url("/"), url("/about/"), url("/orphan.html"), url("/posts/1.html"),
        url("/posts/caf%C3%A9.html"), "http://other.test/x"), urls);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains(url("/sitemaps/broken.xml")), problems.get(0));
    assertEquals(1, routes.requests("/sitemaps/posts.xml").size(), "a sitemap listed twice is read once");
    assertEquals(0, routes.requests("/sitemap.xml").size(), "robots.txt named the sitemaps");
  }

  @Test
  void fallsBackToSitemapXmlWhenRobotsTxtNamesNone() throws InterruptedException {
    routes.on("/sitemap.xml", typed("text/plain", (url("/a.html") + "\n\n" + url("/b.html") + "\n")
        .getBytes(StandardCharsets.UTF_8)));
    List<String> problems = new ArrayList<>();

    assertEquals(List.of(url("/a.html"), url("/b.html")), walk(new Sitemaps(new HttpSource()), problems));
    assertEquals(List.of(), problems);
    assertEquals(1, routes.requests("/robots.txt").size());
  }

  @Test
  void readsASitemapGzippedWhateverItsContentType() throws InterruptedException {
    routes.on("/sitemap.xml", typed("application/octet-stream", gzip(urlset("/z.html"))));
    assertEquals(List.of(url("/z.html")), walk(new Sitemaps(new HttpSource()), new ArrayList<>()));
  }

  @Test
  void reportsAHostWithoutSitemapsAsAProblem() throws InterruptedException {
    List<String> problems = new ArrayList<>();
    assertEquals(List.of(), walk(new Sitemaps(new HttpSource()), problems));
    assertEquals(List.of("no sitemap: robots.txt names none and " + url("/sitemap.xml") + " answered HTTP 404"),
        problems);
  }

  @Test
  void stopsAnEndlessChainOfIndexesAtTheSitemapCap() throws InterruptedException {
    routes.otherwise(r -> {
      String path = r.getTarget();
      if (!path.startsWith("/idx/")) return Servers.status(404, "Not Found");
      int n = Integer.parseInt(path.substring(5));
      return xml(index("/idx/" + (n + 1), "/idx/" + (n + 2)));
    });
    routes.on("/robots.txt", ok("Sitemap: " + url("/idx/0") + "\n"));
    List<String> problems = new ArrayList<>();

    walk(new Sitemaps(new HttpSource(), 5, 100, 1 << 20), problems);

    assertEquals(5, routes.requests().stream().filter(r -> r.getTarget().startsWith("/idx/")).count());
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("stopped after 5 sitemaps"), problems.get(0));
  }

  @Test
  void stopsAtTheUrlCap() throws InterruptedException {
    routes.on("/sitemap.xml", xml(urlset("/1", "/2", "/3", "/4", "/5")));
    List<String> problems = new ArrayList<>();

    assertEquals(List.of(url("/1"), url("/2"), url("/3")), walk(new Sitemaps(new HttpSource(), 10, 3, 1 << 20),
        problems));
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("stopped after 3 URLs"), problems.get(0));
  }

  @Test
  void readsOnlyTheStartOfAGzipBomb() throws InterruptedException {
    StringBuilder huge = new StringBuilder(urlset("/first.html").replace("</urlset>\n", ""));
    huge.append(" ".repeat(5_000_000)).append("<url><loc>").append(url("/never.html")).append("</loc></url></urlset>");
    byte[] bomb = gzip(huge.toString());
    assertTrue(bomb.length < 20_000, "the test's bomb is small: " + bomb.length);
    routes.on("/sitemap.xml", typed("application/gzip", bomb));
    List<String> problems = new ArrayList<>();

    List<String> urls = walk(new Sitemaps(new HttpSource(), 10, 100, 64 * 1024), problems);

    assertEquals(List.of(url("/first.html")), urls);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("larger than 65536 bytes"), problems.get(0));
  }

  @Test
  void goesOnAfterASitemapThatCannotBeFetched() throws InterruptedException {
    routes.on("/robots.txt", ok("Sitemap: " + url("/gone.xml") + "\nSitemap: " + url("/ok.xml") + "\n"))
        .on("/ok.xml", xml(urlset("/ok.html")));
    HttpSource http = new HttpSource();
    Sitemaps.Source source = (u, max) -> {
      if (u.getPath().equals("/gone.xml")) throw new ConnectException("refused");
      return http.fetch(u, max);
    };
    List<String> problems = new ArrayList<>();

    assertEquals(List.of(url("/ok.html")), walk(new Sitemaps(source), problems));
    assertEquals(List.of("sitemap " + url("/gone.xml") + " could not be fetched: refused"), problems);
  }
}
