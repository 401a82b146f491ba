package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkExtractorTest {
  static final URI GUIDE = URI.create("http://site.test/docs/guide/index.html");

  @TempDir Path dir;

  static Path site(String name) {
    try {
      return Path.of(LinkExtractorTest.class.getResource("site/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<URI> uris(String... urls) {
    return List.of(urls).stream().map(URI::create).toList();
  }

  @Test
  void resolvesRelativeAndAbsoluteLinksOnceEachInDocumentOrder() throws IOException {
    List<URI> links = new LinkExtractor(null).extract(site("guide.html"), "text/html", GUIDE);

    assertEquals(uris(
        "http://site.test/docs/css/site.css",
        "http://site.test/js/app.js",
        "http://site.test/docs/guide/intro.html",
        "http://site.test/docs/guide/chapter/one.html",
        "http://site.test/docs/guide/chapter/",
        "http://site.test/about/",
        "http://site.test/docs/guide/files/manual.pdf",
        "http://site.test/docs/guide/files/Report.PDF",
        "http://site.test/docs/guide/files/data.zip",
        "https://cdn.example.net/big.iso",
        "https://other.example.org/page.html",
        "http://site.test/docs/guide/img/logo.png",
        "http://site.test/docs/guide/img/logo-2x.png",
        "http://site.test/docs/guide/img/logo-3x.png",
        "http://site.test/docs/guide/img/hero.webp",
        "http://site.test/docs/guide/img/hero@2x.webp",
        "http://site.test/docs/guide/img/hero.jpg",
        "http://site.test/docs/guide/media/clip.mp4",
        "http://site.test/docs/guide/img-01.jpg"), links);
  }

  @Test
  void leavesOutOtherSchemesFragmentsAndThePageItself() throws IOException {
    List<URI> links = new LinkExtractor(null).extract(site("guide.html"), null, GUIDE);

    assertTrue(links.stream().allMatch(u -> u.getScheme().matches("https?")), links::toString);
    assertFalse(links.contains(GUIDE));
    assertTrue(links.stream().noneMatch(u -> u.toString().contains("#")));
  }

  @Test
  void listsALinkWrittenThreeWaysOnce() throws IOException {
    List<URI> links = new LinkExtractor(null).extract(site("guide.html"), null, GUIDE);

    assertEquals(1, links.stream().filter(u -> u.getPath().equals("/docs/guide/intro.html")).count());
  }

  @Test
  void resolvesAgainstBaseHref() throws IOException {
    URI page = URI.create("http://site.test/docs/page.html");
    List<URI> links = new LinkExtractor(null).extract(site("base.html"), null, page);

    assertEquals(uris(
        "http://static.site.test/v2/favicon.ico",
        "http://static.site.test/v2/start.html",
        "http://static.site.test/v1/old.html",
        "http://static.site.test/root.html",
        "http://cdn.site.test/lib.js",
        "http://static.site.test/v2/pics/a.png",
        "http://static.site.test/v2/pics/b.png"), links);
  }

  @Test
  void resolvesAgainstTheFinalUrlAfterARedirect() throws IOException {
    List<URI> links = new LinkExtractor("a.dl").extract(site("guide.html"), null, URI.create("https://mirror.test/g/"));

    assertEquals(uris("https://mirror.test/g/files/data.zip", "https://cdn.example.net/big.iso"), links);
  }

  @Test
  void selectPicksOnlyTheElementsItNames() throws IOException {
    List<URI> links = new LinkExtractor("a.dl").extract(site("guide.html"), null, GUIDE);

    assertEquals(uris("http://site.test/docs/guide/files/data.zip", "https://cdn.example.net/big.iso"), links);
  }

  @Test
  void selectWrittenLikeTheDefaultAlsoReadsSrcset() throws IOException {
    LinkExtractor spelledOut = new LinkExtractor("a[href],link[href], img[src],source[src],  script[src]");

    assertEquals(new LinkExtractor(null).extract(site("guide.html"), null, GUIDE),
        spelledOut.extract(site("guide.html"), null, GUIDE));
  }

  @Test
  void customSelectReadsSrcsetOfTheElementsItPicks() throws IOException {
    List<URI> links = new LinkExtractor("picture source").extract(site("guide.html"), null, GUIDE);

    assertEquals(uris("http://site.test/docs/guide/img/hero.webp", "http://site.test/docs/guide/img/hero@2x.webp"),
        links);
  }

  @Test
  void rejectsASelectorJsoupCannotParseNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LinkExtractor("a[href"));
    assertTrue(e.getMessage().contains("'a[href'"), e.getMessage());
  }

  @Test
  void readsALatin1PageByItsMetaCharset() throws IOException {
    Path page = dir.resolve("latin1.html");
    Files.write(page, """
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
        <title>Menü</title></head>
        <body><a href="café/menü.html">Café ½</a> <a href="/prix?q=crème">Prix</a></body></html>
        """.getBytes(StandardCharsets.ISO_8859_1));

    List<URI> links = new LinkExtractor(null).extract(page, null, URI.create("http://site.test/fr/"));

    assertEquals(uris("http://site.test/fr/caf%C3%A9/men%C3%BC.html", "http://site.test/prix?q=cr%C3%A8me"), links);
  }

  @Test
  void contentTypeCharsetWinsOverWhatThePageClaims() throws IOException {
    Path page = dir.resolve("lying.html");
    Files.write(page, "<meta charset=utf-8><a href=\"é.html\">é</a>".getBytes(StandardCharsets.ISO_8859_1));

    String contentType = "text/html; charset=\"ISO-8859-1\"";
    List<URI> links = new LinkExtractor(null).extract(page, contentType, URI.create("http://h/"));

    assertEquals(uris("http://h/%C3%A9.html"), links);
  }

  @Test
  void readsUtf8WhenNothingDeclaresACharset() throws IOException {
    Path page = dir.resolve("plain.html");
    Files.writeString(page, "<a href=\"日本/ü.html\">x</a>", StandardCharsets.UTF_8);

    String contentType = "text/html; charset=no-such-charset";
    List<URI> links = new LinkExtractor(null).extract(page, contentType, URI.create("http://h/"));

    assertEquals(uris("http://h/%E6%97%A5%E6%9C%AC/%C3%BC.html"), links);
  }

  @Test
  void survivesMalformedHtml() throws IOException {
    List<URI> links = new LinkExtractor(null).extract(site("malformed.html"), null, URI.create("http://h.test/x/"));

    assertTrue(links.containsAll(uris(
        "http://h.test/x/unquoted.html",
        "http://h.test/x/unclosed.html",
        "http://h.test/x/in-table.html",
        "http://h.test/x/sp%20ace.html",
        "http://h.test/x/100%25.html",
        "http://h.test/x/after.html",
        "http://h.test/x/trailing.html")), links::toString);
    assertTrue(links.stream().noneMatch(u -> u.getPath().contains("from-script")), links::toString);
    assertTrue(links.stream().allMatch(u -> u.getHost().equals("h.test")), links::toString);
  }

  @Test
  void readsNoFurtherThanTheByteCap() throws IOException {
    Path page = dir.resolve("big.html");
    String head = "<a href=\"first.html\">1</a>";
    Files.writeString(page, head + " ".repeat(10_000) + "<a href=\"late.html\">2</a>");

    List<URI> links = new LinkExtractor(null, head.length() + 100).extract(page, null, URI.create("http://h/"));

    assertEquals(uris("http://h/first.html"), links);
  }

  @Test
  void findsNothingInAnEmptyFile() throws IOException {
    Path page = Files.createFile(dir.resolve("empty.html"));

    assertEquals(List.of(), new LinkExtractor(null).extract(page, null, URI.create("http://h/")));
  }

  @Test
  void tellsPagesFromOtherContentTypes() {
    assertTrue(LinkExtractor.isHtml("text/html"));
    assertTrue(LinkExtractor.isHtml("Text/HTML; charset=utf-8"));
    assertTrue(LinkExtractor.isHtml("application/xhtml+xml"));
    assertFalse(LinkExtractor.isHtml("application/pdf"));
    assertFalse(LinkExtractor.isHtml("text/plain; x=text/html"));
    assertFalse(LinkExtractor.isHtml(null));
  }

  @Test
  void findsTheCharsetOfAContentType() {
    assertEquals("utf-8", LinkExtractor.charset("text/html; charset=utf-8"));
    assertEquals("ISO-8859-1", LinkExtractor.charset("text/html;CHARSET='ISO-8859-1'"));
    assertNull(LinkExtractor.charset("text/html"));
    assertNull(LinkExtractor.charset("text/html; charset=bogus!!"));
    assertNull(LinkExtractor.charset(null));
  }
}
