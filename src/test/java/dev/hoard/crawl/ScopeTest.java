package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeTest {
  static final URI ROOT = URI.create("http://site.test/docs/guide/index.html");

  static Scope scope(boolean spanHosts, boolean noParent, String accept, String reject) {
    return new Scope(spanHosts, noParent, accept == null ? List.of() : List.of(accept),
        reject == null ? List.of() : List.of(reject));
  }

  static boolean follow(Scope s, String link, String root) {
    return s.follow(URI.create(link), URI.create(root));
  }

  static List<String> guideLinks(Predicate<URI> which) throws IOException {
    return new LinkExtractor(null).extract(LinkExtractorTest.site("guide.html"), null, ROOT).stream()
        .filter(which).map(URI::toString).toList();
  }

  @Test
  void staysOnTheListedHostByDefault() {
    Scope s = scope(false, false, null, null);

    assertTrue(follow(s, "http://site.test/anything", "http://site.test/docs/"));
    assertTrue(follow(s, "http://SITE.test:80/x", "http://site.test/"));
    assertTrue(follow(s, "https://site.test:8443/x", "http://site.test/"));
    assertFalse(follow(s, "http://other.test/x", "http://site.test/"));
    assertFalse(follow(s, "http://www.site.test/x", "http://site.test/"));
  }

  @Test
  void spanHostsFollowsOtherHosts() {
    assertTrue(follow(scope(true, false, null, null), "https://cdn.example.net/x", "http://site.test/"));
  }

  @Test
  void neverFollowsWhatIsNotHttp() {
    Scope s = scope(true, false, null, null);

    assertFalse(follow(s, "ftp://site.test/x", "http://site.test/"));
    assertFalse(follow(s, "mailto:a@site.test", "http://site.test/"));
  }

  @ParameterizedTest(name = "root {0}: {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      http://h/a/b/page.html | http://h/a/b/other.html  | true
      http://h/a/b/page.html | http://h/a/b/           | true
      http://h/a/b/page.html | http://h/a/b/c/d.png    | true
      http://h/a/b/page.html | http://h/a/b            | false
      http://h/a/b/page.html | http://h/a/             | false
      http://h/a/b/page.html | http://h/a/bc/x.html    | false
      http://h/a/b/page.html | http://h/a/b/../x.html  | false
      http://h/a/b/page.html | http://h/a/b/%2e%2e/x   | false
      http://h/a/b/          | http://h/a/b/index.html | true
      http://h/a/b/          | http://h/a/b/c/         | true
      http://h/a/b/          | http://h/a/c            | false
      http://h/a/b           | http://h/a/c            | true
      http://h/              | http://h/anything/x     | true
      http://h/a/b/          | http://H:80/a/b/x       | true
      http://h/a/b/          | https://h/a/x           | false
      """)
  void noParentNeverGoesAboveTheRootsFolder(String root, String link, boolean followed) {
    assertEquals(followed, follow(scope(false, true, null, null), link, root));
  }

  @Test
  void noParentDoesNotFenceOtherHosts() {
    assertTrue(follow(scope(true, true, null, null), "http://cdn.test/lib/x.js", "http://h/a/b/"));
  }

  @Test
  void keepsEverythingWithoutAcceptOrReject() {
    Scope s = scope(false, false, null, null);

    assertTrue(s.keep(URI.create("http://h/a.zip")));
    assertTrue(s.keep(URI.create("http://h/")));
    assertFalse(s.fetchToTraverse(URI.create("http://h/page.html")));
  }

  @Test
  void acceptKeepsMatchingFilesAndTraversesPages() {
    Scope s = scope(false, false, "pdf,*.jpg", null);

    assertTrue(s.keep(URI.create("http://h/docs/manual.pdf")));
    assertTrue(s.keep(URI.create("http://h/docs/Report.PDF?download=1")));
    assertTrue(s.keep(URI.create("http://h/img/photo.JPG")));
    assertFalse(s.keep(URI.create("http://h/data.zip")));
    assertFalse(s.fetchToTraverse(URI.create("http://h/data.zip")));
    for (String page : List.of("http://h/", "http://h/docs/", "http://h/a.html", "http://h/a.HTM", "http://h/a.php?x=1",
        "http://h/a.asp", "http://h/a.aspx", "http://h/a.jsp", "http://h/about")) {
      assertFalse(s.keep(URI.create(page)), page);
      assertTrue(s.fetchToTraverse(URI.create(page)), page);
    }
  }

  @Test
  void rejectNeverDownloadsEvenAPage() {
    Scope s = scope(false, false, "pdf", "*.html,secret-*");

    assertFalse(s.keep(URI.create("http://h/index.html")));
    assertFalse(s.fetchToTraverse(URI.create("http://h/index.html")));
    assertFalse(s.keep(URI.create("http://h/secret-plan.pdf")));
    assertFalse(s.fetchToTraverse(URI.create("http://h/secret-plan.pdf")));
    assertTrue(s.fetchToTraverse(URI.create("http://h/docs/")));
  }

  @Test
  void rejectAloneKeepsTheRest() {
    Scope s = scope(false, false, null, ".iso");

    assertTrue(s.keep(URI.create("http://h/a.zip")));
    assertFalse(s.keep(URI.create("http://h/big.ISO")));
    assertFalse(s.fetchToTraverse(URI.create("http://h/big.iso")));
  }

  @Test
  void matchesTheDecodedFileName() {
    Scope s = scope(false, false, "résumé*", null);

    assertTrue(s.keep(URI.create("http://h/r%C3%A9sum%C3%A9.pdf")));
    assertEquals("%E9t%E9.txt", Scope.fileName(URI.create("http://h/%E9t%E9.txt")));
    assertEquals("a b", Scope.fileName(URI.create("http://h/x/a%20b")));
    assertEquals("", Scope.fileName(URI.create("http://h/x/")));
  }

  @Test
  void acceptPdfOnTheFixtureKeepsPdfsAndTraversesPagesOnTheSameHost() throws IOException {
    Scope s = new Scope(false, false, List.of("pdf"), List.of());

    assertEquals(List.of(
        "http://site.test/docs/guide/files/manual.pdf",
        "http://site.test/docs/guide/files/Report.PDF"), guideLinks(u -> s.follow(u, ROOT) && s.keep(u)));
    assertEquals(List.of(
        "http://site.test/docs/guide/intro.html",
        "http://site.test/docs/guide/chapter/one.html",
        "http://site.test/docs/guide/chapter/",
        "http://site.test/about/"), guideLinks(u -> s.follow(u, ROOT) && s.fetchToTraverse(u)));
  }

  @Test
  void noParentOnTheFixtureDropsTheLinksAboveTheGuide() throws IOException {
    Scope s = new Scope(false, true, List.of(), List.of());

    assertEquals(List.of(
        "http://site.test/docs/css/site.css",
        "http://site.test/js/app.js",
        "http://site.test/about/",
        "https://cdn.example.net/big.iso",
        "https://other.example.org/page.html"), guideLinks(u -> !s.follow(u, ROOT)));
  }

  @Test
  void spanHostsOnTheFixtureAddsTheOtherHosts() throws IOException {
    Scope s = new Scope(true, false, List.of(), List.of());

    assertEquals(List.of(), guideLinks(u -> !s.follow(u, ROOT)));
  }
}
