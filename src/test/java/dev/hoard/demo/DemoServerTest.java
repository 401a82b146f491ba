package dev.hoard.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoServerTest {
  private static final int SIZE = 10_000;
  private final Catalog catalog = Catalog.generate(2, SIZE);
  private final HttpClient client = HttpClient.newHttpClient();
  private DemoServer server;

  @BeforeEach
  void start() throws IOException {
    server = DemoServer.start(catalog, 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void servesAFileWholeWithItsValidatorsAndRangeSupport() throws Exception {
    Served file = catalog.files().get(0);
    HttpResponse<byte[]> r = get(file.path(), null);

    assertEquals(200, r.statusCode());
    assertArrayEquals(file.body(), r.body());
    assertEquals("bytes", r.headers().firstValue("Accept-Ranges").orElseThrow());
    assertEquals(file.etag(), r.headers().firstValue("ETag").orElseThrow());
    assertTrue(r.headers().firstValue("Last-Modified").orElseThrow().endsWith(" GMT"), r.headers().toString());
    assertEquals(String.valueOf(SIZE), r.headers().firstValue("Content-Length").orElseThrow());
  }

  @Test
  void servesOneRangeWith206AndContentRange() throws Exception {
    Served file = catalog.files().get(1);
    HttpResponse<byte[]> r = get(file.path(), "bytes=100-199");

    assertEquals(206, r.statusCode());
    assertEquals("bytes 100-199/" + SIZE, r.headers().firstValue("Content-Range").orElseThrow());
    assertArrayEquals(Arrays.copyOfRange(file.body(), 100, 200), r.body());
  }

  @Test
  void answers416WithTheLengthForARangePastTheEnd() throws Exception {
    HttpResponse<byte[]> r = get(catalog.files().get(0).path(), "bytes=" + SIZE + "-");

    assertEquals(416, r.statusCode());
    assertEquals("bytes */" + SIZE, r.headers().firstValue("Content-Range").orElseThrow());
  }

  @Test
  void servesTheSiteWithItsTypesAndAnswers404ForAnythingElse() throws Exception {
    HttpResponse<byte[]> page = get(catalog.pages().get(0).path(), null);
    assertEquals(200, page.statusCode());
    assertEquals(Site.HTML, page.headers().firstValue("Content-Type").orElseThrow());

    assertEquals(404, get("/robots.txt", null).statusCode());
  }

  private HttpResponse<byte[]> get(String path, String range) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.url(path));
    if (range != null) b.header("Range", range);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void namesItselfWithTheLoopbackAddress() {
    URI url = server.url("/x");
    assertEquals("127.0.0.1", url.getHost());
    assertTrue(url.getPort() > 0);
  }
}
