package dev.hoard.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.Main;
import dev.hoard.store.FileOrigin;
import dev.hoard.testing.CrawlFixtureSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawling as a mirror, end to end over real HTTP: stylesheets read for links, {@code -p}, {@code --convert-links}
 * and {@code --sitemap}.
 */
class MirrorTest {
  @TempDir Path tmp;
  private final List<CrawlFixtureSite> sites = new ArrayList<>();

  @AfterEach
  void stopSites() {
    sites.forEach(CrawlFixtureSite::close);
  }

  // ---- stylesheets ----

  @Test
  void filesReachedOnlyThroughStylesheetsAreFetchedAndLookalikesInCommentsAndStringsAreNot() throws IOException {
    CrawlFixtureSite site = styledSite();

    Outcome run = hoard("-r", site.url("/"));

    assertEquals(0, run.code, run.err);
    String h = site.hostFolder();
    Set<String> expected = new TreeSet<>(Set.of("index.html", "page.html", "css/main.css", "css/base.css",
        "css/print.css", "css/deep/fonts.css", "css/deep/font.woff2", "img/style-element.png",
        "img/style-attr.png", "img/unquoted.png", "img/double.png", "img/single.png", "img/esc(aped).png",
        "img/from-base.png", "img/print.png", "img/set-1x.png", "img/set-2x.png"));
    assertEquals(expected.stream().map(p -> h + "/" + p).collect(Collectors.toCollection(TreeSet::new)), landed());
    assertEquals(0, site.count("/img/in-comment.png"));
    assertEquals(0, site.count("/img/in-string.png"));
    assertEquals(0, site.count("/css/svg-namespace"));
    assertTrue(site.requested().stream().filter(t -> !t.equals("/robots.txt")).allMatch(t -> site.count(t) == 1),
        site.requested()::toString);
  }

  @Test
  void aRerunReadsTheLinksOfTheStylesheetsItSavedBeforeWithoutAskingForThemAgain() throws IOException {
    CrawlFixtureSite site = styledSite();
    assertEquals(0, hoard("-r", site.url("/")).code);
    String h = site.hostFolder();
    Files.delete(dir().resolve(h + "/css/deep/font.woff2"));
    Files.delete(dir().resolve(h + "/img/unquoted.png"));
    int mark = site.requested().size();

    Outcome run = hoard("-r", site.url("/"));

    assertEquals(0, run.code, run.err);
    List<String> again = site.requested().subList(mark, site.requested().size());
    assertEquals(Set.of("/robots.txt", "/css/deep/font.woff2", "/img/unquoted.png"), Set.copyOf(again), again::toString);
    assertTrue(Files.isRegularFile(dir().resolve(h + "/css/deep/font.woff2")));
  }

  @Test
  void withoutRecursionAStylesheetIsJustAFile() throws IOException {
    CrawlFixtureSite site = styledSite();

    Outcome run = hoard(site.url("/css/main.css"));

    assertEquals(0, run.code, run.err);
    assertEquals(List.of("/css/main.css"), site.requested());
  }

  // ---- -p ----

  @Test
  void pageRequisitesAreFetchedPastTheLevelAndAboveNoParentButTheirPageLinksAreNot() throws IOException {
    CrawlFixtureSite site = requisiteSite();

    Outcome run = hoard("-r", "-l", "1", "--no-parent", "-p", site.url("/docs/"));

    assertEquals(0, run.code, run.err);
    assertEquals(Set.of("/robots.txt", "/docs/", "/docs/chapter.html", "/static/site.css", "/static/fonts.css",
        "/static/bg.png", "/static/f.woff2", "/docs/fig.png", "/docs/fig-2x.png", "/static/fig.webp",
        "/docs/fig-small.png", "/docs/app.js", "/favicon.ico", "/docs/frame.html", "/docs/in-frame.png"),
        Set.copyOf(site.requested()));
    assertTrue(site.requested().stream().allMatch(t -> site.count(t) == 1), site.requested()::toString);
    Map<String, Object> font = run.record(site.url("/static/f.woff2"));
    // the listed page links site.css itself: its font is three links away, not four through the chapter
    assertEquals(3, num(font.get("depth")), font::toString);
  }

  @Test
  void withoutPageRequisitesTheSameCrawlStopsAtTheLevelAndTheStartFolder() throws IOException {
    CrawlFixtureSite site = requisiteSite();

    Outcome run = hoard("-r", "-l", "1", "--no-parent", site.url("/docs/"));

    assertEquals(0, run.code, run.err);
    assertEquals(Set.of("/robots.txt", "/docs/", "/docs/chapter.html"), Set.copyOf(site.requested()));
  }

  @Test
  void pageRequisitesStayOutsideAcceptButRejectStillHolds() throws IOException {
    CrawlFixtureSite site = requisiteSite();

    Outcome run = hoard("-r", "-l", "1", "-p", "-A", "html", "-R", "*.png", site.url("/docs/chapter.html"));

    assertEquals(0, run.code, run.err);
    String h = site.hostFolder();
    assertTrue(landed().containsAll(Set.of(h + "/docs/chapter.html", h + "/docs/app.js", h + "/favicon.ico",
        h + "/static/fig.webp", h + "/docs/next.html")), landed()::toString);
    assertEquals(List.of(), site.requested().stream().filter(t -> t.endsWith(".png")).toList());
  }

  @Test
  void pageRequisitesWithoutRecursionFetchTheListedPageAndWhatItNeedsIntoTheMirrorTree() throws IOException {
    CrawlFixtureSite site = requisiteSite();

    Outcome run = hoard("-p", site.url("/docs/chapter.html"));

    assertEquals(0, run.code, run.err);
    String h = site.hostFolder();
    assertEquals(Set.of(h + "/docs/chapter.html", h + "/docs/fig.png", h + "/docs/fig-2x.png",
        h + "/static/fig.webp", h + "/docs/fig-small.png", h + "/docs/app.js", h + "/favicon.ico",
        h + "/docs/frame.html", h + "/docs/in-frame.png", h + "/static/site.css", h + "/static/fonts.css",
        h + "/static/bg.png", h + "/static/f.woff2"), landed());
    assertEquals(0, site.count("/docs/next.html"));
  }

  @Test
  void convertLinksAndSitemapNeedACrawl() {
    assertEquals(2, hoard("--convert-links", "http://127.0.0.1:9/").code);
    assertEquals(2, hoard("--sitemap", "http://127.0.0.1:9/").code);
    assertEquals(2, hoard("-p", "--sitemap", "http://127.0.0.1:9/").code);
    Outcome zero = hoard("--max-pages=0", "http://127.0.0.1:9/");
    assertEquals(2, zero.code, "a malformed value, with -r or without");
    assertTrue(zero.err.contains("'--max-pages': '0'"), zero.err);
  }

  // ---- --convert-links ----

  @Test
  void convertLinksRewritesOnlyTheLinksOfPagesAndStylesheetsEveryOtherByteStays() throws IOException {
    CrawlFixtureSite site = convertSite();
    String origin = "http://" + site.hostFolder();

    Outcome run = hoard("-r", "--convert-links", site.url("/a/page.html"));

    assertEquals(1, run.code, "two links are broken: " + run.err);
    String h = site.hostFolder();
    assertEquals(PAGE.replace("HOST", h).replace("/s/site.css?v=2", "../s/site.css@v=2.css")
        .replace("\"b/\"", "\"b/index.html\"")
        .replace("'list?p=2&amp;s=a'", "'list@p=2&amp;s=a'")
        .replace("href=missing.html", "href=" + origin + "/a/missing.html")
        .replace("\"b/#part\"", "\"b/index.html#part\"")
        .replace("src=\"/img/x.png\"", "src=\"../img/x.png\"")
        .replace("srcset=\"/img/x.png 1x, /img/x2.png 2x\"", "srcset=\"../img/x.png 1x, ../img/x2.png 2x\"")
        .replace("url(&quot;/img/bg.png&quot;)", "url(&quot;../img/bg.png&quot;)")
        .replace("href=\"//" + h + "/a/b/\"", "href=\"b/index.html\""),
        read(h + "/a/page.html"));
    assertEquals(CSS.replace("url( \"/img/bg.png\" )", "url( \"../img/bg.png\" )")
        .replace("@import 'more.css'", "@import '" + origin + "/s/more.css'"), read(h + "/s/site.css@v=2.css"));
    assertEquals(site.url("/a/page.html"), FileOrigin.of(dir().resolve(h + "/a/page.html")));
    assertTrue(run.err.contains("converted the links of"), run.err);
  }

  @Test
  void aConvertedMirrorRunAgainAsksForNothingItSavedAndStaysByteForByteTheSame() throws IOException {
    CrawlFixtureSite site = convertSite();
    String h = site.hostFolder();
    assertEquals(1, hoard("-r", "--convert-links", site.url("/a/page.html")).code);
    Set<String> first = landed();
    byte[] page = Files.readAllBytes(dir().resolve(h + "/a/page.html"));
    byte[] css = Files.readAllBytes(dir().resolve(h + "/s/site.css@v=2.css"));
    int mark = site.requested().size();

    Outcome run = hoard("-r", "--convert-links", site.url("/a/page.html"));

    assertEquals(1, run.code, run.err);
    List<String> again = site.requested().subList(mark, site.requested().size());
    assertEquals(Set.of("/robots.txt", "/a/missing.html", "/s/more.css"), Set.copyOf(again), again::toString);
    assertEquals(first, landed());
    assertArrayEquals(page, Files.readAllBytes(dir().resolve(h + "/a/page.html")));
    assertArrayEquals(css, Files.readAllBytes(dir().resolve(h + "/s/site.css@v=2.css")));
  }

  @Test
  void aConvertedMirrorWithNumberedAndMovedNamesRunAgainAsksForNothingAndStaysTheSame() throws IOException {
    // "/col/" lands as index.html, so "/col/index.html" takes index.1.html; "/col/docs" lands as the file docs, then
    // moves to docs.1 when "/col/docs/intro" needs docs/ as a folder: converted links lead to those local names
    CrawlFixtureSite site = site();
    site.page("/col/", html("<a href='index.html'>i</a> <a href='docs'>d</a> <a href='docs/intro'>in</a>"))
        .page("/col/index.html", html("<a href='/col/'>home</a>"))
        .page("/col/docs", html("<a href='/col/'>home</a>"))
        .page("/col/docs/intro", html("<a href='../docs'>up</a> <a href='/col/index.html'>i</a>"));
    String col = site.hostFolder() + "/col/";
    Outcome first = hoard("-r", "--convert-links", "-j", "1", site.url("/col/"));
    assertEquals(0, first.code, first.err);
    assertTrue(read(col + "index.html").contains("href='index.1.html'"), read(col + "index.html"));
    assertTrue(read(col + "docs/intro").contains("href='../docs.1'"), read(col + "docs/intro"));
    assertTrue(read(col + "index.1.html").contains("href='index.html'"), read(col + "index.1.html"));
    Map<String, String> before = new TreeMap<>();
    for (String f : landed()) before.put(f, read(f));
    int mark = site.requested().size();

    Outcome again = hoard("-r", "--convert-links", "-j", "1", site.url("/col/"));

    assertEquals(0, again.code, again.err + again.out);
    List<String> asked = site.requested().subList(mark, site.requested().size());
    assertEquals(List.of("/robots.txt"), asked, "asked again: " + asked);
    Map<String, String> after = new TreeMap<>();
    for (String f : landed()) after.put(f, read(f));
    assertEquals(before, after);
  }

  @Test
  void convertLinksKeepsTheServersModificationTime() throws IOException {
    CrawlFixtureSite site = site();
    site.under("/dated.html", rest -> CrawlFixtureSite.ok("text/html", bytes(html("<a href='/x.txt'>x</a>")))
        .addHeader("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT").build());
    site.file("/x.txt", "text/plain", bytes("x"));

    Outcome run = hoard("-r", "--convert-links", site.url("/dated.html"));

    assertEquals(0, run.code, run.err);
    Path page = dir().resolve(site.hostFolder() + "/dated.html");
    assertTrue(Files.readString(page).contains("href='x.txt'"), Files.readString(page));
    assertEquals(FileTime.fromMillis(1445412480000L), Files.getLastModifiedTime(page));
  }

  // ---- -N ----

  @Test
  void timestampingAsksForEverySavedFileWithIfModifiedSinceAndReplacesOnlyWhatChanged() throws IOException {
    String t1 = "Wed, 21 Oct 2015 07:28:00 GMT";
    String t2 = "Thu, 22 Oct 2015 07:28:00 GMT";
    CrawlFixtureSite site = site();
    site.dated("/", "text/html", bytes(html("<a href='a.html'>a</a> <a href='b.html'>b</a>")), t1)
        .dated("/a.html", "text/html", bytes(html("<link rel=stylesheet href='s.css'> a")), t1)
        .dated("/b.html", "text/html", bytes(html("b, first")), t1)
        .dated("/s.css", "text/css", bytes("p{background:url(i.png)}"), t1)
        .dated("/i.png", "image/png", bytes("png"), t1);
    assertEquals(0, hoard("-r", site.url("/")).code);
    site.dated("/b.html", "text/html", bytes(html("b, second: <a href='c.txt'>c</a>")), t2)
        .file("/c.txt", "text/plain", bytes("c"));
    int mark = site.hits().size();

    Outcome run = hoard("-r", "-N", site.url("/"));

    assertEquals(0, run.code, run.err);
    List<CrawlFixtureSite.Hit> again = site.hits().subList(mark, site.hits().size());
    for (String t : List.of("/", "/a.html", "/b.html", "/s.css", "/i.png")) {
      assertEquals(List.of(t1), again.stream().filter(x -> x.target().equals(t)).map(CrawlFixtureSite.Hit::ifModifiedSince)
          .toList(), t + " in " + again);
    }
    assertEquals(1, again.stream().filter(x -> x.target().equals("/c.txt")).count());
    String h = site.hostFolder();
    assertTrue(read(h + "/b.html").contains("second"));
    assertEquals("skipped", run.record(site.url("/i.png")).get("status"));
    assertEquals("ok", run.record(site.url("/b.html")).get("status"));
    assertEquals(FileTime.fromMillis(1445498880000L), Files.getLastModifiedTime(dir().resolve(h + "/b.html")));
  }

  // ---- --sitemap ----

  @Test
  void sitemapSeedsTheCrawlThroughAnIndexAndAGzippedSitemapUnderTheSameRules() throws IOException {
    CrawlFixtureSite other = site("localhost");
    other.page("/far.html", html("far"));
    CrawlFixtureSite site = site();
    site.robots("User-agent: *\nDisallow: /private/\nSitemap: " + site.url("/maps/index.xml") + "\n")
        .page("/", html("<a href='linked.html'>linked</a>"))
        .page("/linked.html", html("linked"))
        .file("/maps/index.xml", "application/xml", bytes("<?xml version='1.0' encoding='UTF-8'?>"
            + "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            + "<sitemap><loc>" + site.url("/maps/a.xml.gz") + "</loc></sitemap>"
            + "<sitemap><loc>" + site.url("/maps/b.xml") + "</loc></sitemap></sitemapindex>"))
        .file("/maps/a.xml.gz", "application/gzip", gzip(urlset(site.url("/orphan1.html"),
            site.url("/private/secret.html"), other.url("/far.html"), site.url("/linked.html"))))
        .file("/maps/b.xml", "application/xml", urlset(site.url("/orphan2.txt"), site.url("/deep/orphan3.html"),
            site.url("/skip.zip")))
        .page("/orphan1.html", html("<a href='orphan1-child.txt'>c</a> <a href='orphan1-child2.html'>c</a>"))
        .file("/orphan1-child.txt", "text/plain", bytes("c"))
        .page("/orphan1-child2.html", html("<a href='too-deep.txt'>d</a>"))
        .file("/orphan2.txt", "text/plain", bytes("2"))
        .page("/deep/orphan3.html", html("3"))
        .page("/private/secret.html", html("s"));

    Outcome run = hoard("-r", "-l", "2", "--sitemap", "-R", "zip", site.url("/"));

    assertEquals(0, run.code, run.err);
    String h = site.hostFolder();
    assertEquals(Set.of(h + "/index.html", h + "/linked.html", h + "/orphan1.html", h + "/orphan1-child.txt",
        h + "/orphan1-child2.html", h + "/orphan2.txt", h + "/deep/orphan3.html"), landed());
    assertEquals(List.of(), other.requested());
    assertEquals(0, site.count("/private/secret.html"));
    assertEquals(0, site.count("/skip.zip"));
    assertEquals(1, site.count("/linked.html"));
    assertEquals(1, site.count("/robots.txt"), "read once, for its sitemaps and its rules");
    Map<String, Object> orphan = run.record(site.url("/orphan1.html"));
    assertEquals(1, num(orphan.get("depth")));
    assertEquals(site.url("/"), orphan.get("parent"));
  }

  @Test
  void withoutSitemapLinesInRobotsTxtTheSitemapIsLookedForAtSitemapXml() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("home"))
        .file("/sitemap.xml", "application/xml", urlset(site.url("/orphan.html")))
        .page("/orphan.html", html("o"));

    Outcome run = hoard("-r", "--sitemap", site.url("/"));

    assertEquals(0, run.code, run.err);
    assertEquals(Set.of(site.hostFolder() + "/index.html", site.hostFolder() + "/orphan.html"), landed());
  }

  @Test
  void aMissingSitemapIsANoteAndTheCrawlGoesOn() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='a.txt'>a</a>")).file("/a.txt", "text/plain", bytes("a"));

    Outcome run = hoard("-r", "--sitemap", site.url("/"));

    assertEquals(0, run.code, run.err);
    assertTrue(run.err.contains("sitemap.xml answered HTTP 404"), run.err);
    assertEquals(Set.of(site.hostFolder() + "/index.html", site.hostFolder() + "/a.txt"), landed());
  }

  // ---- sites ----

  /** Stylesheets with url() in every quoting style, @import chains, lookalikes in a comment and a string. */
  private CrawlFixtureSite styledSite() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", "<!doctype html><html><head><title>t</title><link rel=stylesheet href='css/main.css'>"
            + "<style>body{background:url(\"img/style-element.png\")}</style></head>"
            + "<body style='background-image:image-set(url(img/set-1x.png) 1x, \"img/set-2x.png\" 2x),"
            + " url(img/style-attr.png)'>"
            + "<a href='page.html'>page</a></body></html>")
        .page("/page.html", html("<p style='color:red'>no links</p>"))
        .file("/css/main.css", "text/css", bytes("@charset \"utf-8\";\n@import \"base.css\";\n"
            + "@import url('print.css') print;\n@namespace svg url(svg-namespace);\n"
            + "/* .z{background:url(../img/in-comment.png)} */\n"
            + ".a{background:url(../img/unquoted.png)}\n.b{background:url( \"../img/double.png\" )}\n"
            + ".c{background:url('../img/single.png')}\n.d:after{content:\"url(../img/in-string.png)\"}\n"
            + ".e{background:url(../img/esc\\(aped\\).png)}\n"))
        .file("/css/base.css", "text/css", bytes("@import 'deep/fonts.css';\n.x{background:url(/img/from-base.png)}"))
        .file("/css/deep/fonts.css", "text/css",
            bytes("@font-face{font-family:f;src:url(font.woff2) format(\"woff2\")}"))
        .file("/css/deep/font.woff2", "font/woff2", bytes("wOF2"))
        .file("/css/print.css", "text/css", bytes(".p{background:url(../img/print.png)}"));
    for (String img : List.of("style-element", "style-attr", "unquoted", "double", "single", "esc(aped)",
        "from-base", "print", "set-1x", "set-2x", "in-comment", "in-string")) {
      site.file("/img/" + img.replace("(", "%28").replace(")", "%29") + ".png", "image/png", bytes(img));
      site.file("/img/" + img + ".png", "image/png", bytes(img));
    }
    return site;
  }

  /**
   * {@code /docs/} links {@code chapter.html}; the chapter has images (srcset, picture), a script, an icon, a frame
   * and links; the site's stylesheet lies above {@code /docs/} and imports another with a font.
   */
  private CrawlFixtureSite requisiteSite() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/docs/", "<html><head><link rel=stylesheet href=/static/site.css></head><body>"
            + "<a href=chapter.html>chapter</a></body></html>")
        .page("/docs/chapter.html", "<html><head><link rel=icon href=/favicon.ico>"
            + "<link rel=stylesheet href=/static/site.css><script src=app.js></script></head><body>"
            + "<img src=fig.png srcset='fig-2x.png 2x'>"
            + "<picture><source srcset=/static/fig.webp type=image/webp><img src=fig-small.png></picture>"
            + "<iframe src=frame.html></iframe>"
            + "<a href=next.html>next</a> <a href=/outside.html>out</a></body></html>")
        .page("/docs/frame.html", html("<img src=in-frame.png> <a href=from-frame.html>f</a>"))
        .page("/docs/next.html", html("<img src=next.png>"))
        .page("/outside.html", html("o"))
        .file("/static/site.css", "text/css", bytes("@import \"fonts.css\";\nbody{background:url(bg.png)}"))
        .file("/static/fonts.css", "text/css", bytes("@font-face{font-family:f;src:url(f.woff2)}"))
        .file("/static/bg.png", "image/png", bytes("bg"))
        .file("/static/f.woff2", "font/woff2", bytes("f"))
        .file("/static/fig.webp", "image/webp", bytes("webp"))
        .file("/docs/fig.png", "image/png", bytes("fig"))
        .file("/docs/fig-2x.png", "image/png", bytes("fig2"))
        .file("/docs/fig-small.png", "image/png", bytes("small"))
        .file("/docs/in-frame.png", "image/png", bytes("inframe"))
        .file("/docs/next.png", "image/png", bytes("next"))
        .file("/docs/app.js", "text/javascript", bytes("1"))
        .file("/favicon.ico", "image/x-icon", bytes("ico"));
    return site;
  }

  private static final String PAGE = "<!DOCTYPE html>\n<html><head><link rel=\"stylesheet\" href=\"/s/site.css?v=2\">"
      + "<title>  Keep   &amp; spacing &eacute; </title></head>\n<BODY>\n"
      + "  <a href=\"b/\">folder</a> <a  href='list?p=2&amp;s=a' >q</a>\n"
      + "<a href=missing.html>404</a> <a href=\"http://elsewhere.invalid/x\">abs</a> <a href=\"#top\">frag</a>\n"
      + "<a href=\"b/#part\">frag2</a> <a href=\"//HOST/a/b/\">scheme-relative</a>\n"
      + "<img src=\"/img/x.png\" srcset=\"/img/x.png 1x, /img/x2.png 2x\" alt='&lt;x&gt;'>\n"
      + "<div style=\"background:url(&quot;/img/bg.png&quot;)\"></div>\n"
      + "<script>var s = \"<a href='/not/a/link'>\";</script>\n"
      + "<!-- <a href=\"/in/comment\"> -->\n</BODY></html>\n";

  private static final String CSS = "/* url(/img/no.png) */\r\nbody{background:url( \"/img/bg.png\" )}\r\n"
      + "@import 'more.css' ;\n";

  /** A page whose links cover every case of {@code --convert-links}, and the files some of them lead to. */
  private CrawlFixtureSite convertSite() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/a/page.html", PAGE.replace("HOST", site.hostFolder()))
        .file("/s/site.css?v=2", "text/css", bytes(CSS))
        .page("/a/b/", html("b"))
        .file("/a/list?p=2&s=a", "text/plain", bytes("list"))
        .file("/img/x.png", "image/png", bytes("x"))
        .file("/img/x2.png", "image/png", bytes("x2"))
        .file("/img/bg.png", "image/png", bytes("bg"));
    return site;
  }

  // ---- helpers ----

  private static byte[] urlset(String... urls) {
    StringBuilder b = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>"
        + "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>");
    for (String u : urls) b.append("<url><loc>").append(u).append("</loc></url>");
    return bytes(b.append("</urlset>").toString());
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  private CrawlFixtureSite site() throws IOException {
    return site("127.0.0.1");
  }

  private CrawlFixtureSite site(String hostName) throws IOException {
    CrawlFixtureSite s = CrawlFixtureSite.start(hostName);
    sites.add(s);
    return s;
  }

  private static String html(String body) {
    return "<!doctype html><html><head><title>t</title></head><body>" + body + "</body></html>";
  }

  private static long num(Object jsonNumber) {
    return ((Number) jsonNumber).longValue();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path dir() {
    return tmp.resolve("mirror");
  }

  private String read(String relative) throws IOException {
    return Files.readString(dir().resolve(relative), StandardCharsets.UTF_8);
  }

  /** Every file under the download folder, relative, with {@code /} between segments. */
  private Set<String> landed() {
    if (!Files.isDirectory(dir())) return Set.of();
    try (Stream<Path> files = Files.walk(dir())) {
      return files.filter(Files::isRegularFile)
          .map(p -> dir().relativize(p).toString().replace(java.io.File.separatorChar, '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Outcome hoard(String... args) {
    List<String> all = new ArrayList<>(List.of("get", "-d", dir().toString(), "--json", "--retry-wait=1ms"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = Main.run(o, e, InputStream.nullInputStream(), all.toArray(String[]::new));
    }
    return new Outcome(code, out.toString(), err.toString());
  }

  /** What a run printed, and its exit status. */
  private record Outcome(int code, String out, String err) {
    List<Map<String, Object>> lines() {
      List<Map<String, Object>> out = new ArrayList<>();
      for (String line : this.out.split("\n")) {
        if (line.isBlank()) continue;
        try {
          out.add(JSON.std.mapFrom(line));
        } catch (IOException e) {
          throw new AssertionError("not JSON: " + line, e);
        }
      }
      return out;
    }

    Map<String, Object> record(String url) {
      List<Map<String, Object>> found = lines().stream().filter(m -> url.equals(m.get("url"))).toList();
      assertEquals(1, found.size(), () -> "records of " + url + " in " + out);
      return found.get(0);
    }
  }
}
