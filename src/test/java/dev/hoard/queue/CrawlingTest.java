package dev.hoard.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.CrawlFixtureSite;
import dev.hoard.testing.Hoard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hoard get -r} end to end: a fixture site over real HTTP, the command as a user types it, files on disk. */
class CrawlingTest {
  @TempDir Path tmp;
  private final List<CrawlFixtureSite> sites = new ArrayList<>();

  @AfterEach
  void stopSites() {
    sites.forEach(CrawlFixtureSite::close);
  }

  // ---- layout on disk ----

  @Test
  void mirrorsRelativeAndAbsoluteLinksUnderHostAndPortWithFolderPagesAsIndexHtml() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='a/b/'>folder</a> <a href='/a/b/c.txt'>root-relative</a>"
            + " <a href='" + site.url("/abs.txt") + "'>absolute</a> <a href='./rel.txt'>dot</a>"))
        .page("/a/b/", html("<a href='../sib.txt'>up</a> <a href='d/'>down</a>"))
        .page("/a/b/d/", html("leaf"))
        .file("/a/b/c.txt", "text/plain", bytes("c"))
        .file("/abs.txt", "text/plain", bytes("abs"))
        .file("/rel.txt", "text/plain", bytes("rel"))
        .file("/a/sib.txt", "text/plain", bytes("sib"));

    Hoard.Result run = hoard(site.url("/"));

    assertEquals(0, run.code(), run.err());
    String h = site.hostFolder();
    assertEquals(Set.of(h + "/index.html", h + "/a/b/index.html", h + "/a/b/d/index.html", h + "/a/b/c.txt",
        h + "/abs.txt", h + "/rel.txt", h + "/a/sib.txt"), landed());
    assertEquals("c", read(h + "/a/b/c.txt"));
    assertEquals("sib", read(h + "/a/sib.txt"));
    assertTrue(read(h + "/a/b/index.html").contains("../sib.txt"));
  }

  @Test
  void resolvesLinksAgainstBaseHrefRatherThanThePageUrl() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/docs/page.html", "<html><head><base href='/other/'></head><body><a href='x.txt'>x</a></body></html>")
        .file("/other/x.txt", "text/plain", bytes("x"))
        .file("/docs/x.txt", "text/plain", bytes("wrong"));

    Hoard.Result run = hoard(site.url("/docs/page.html"));

    assertEquals(0, run.code(), run.err());
    assertEquals(1, site.count("/other/x.txt"));
    assertEquals(0, site.count("/docs/x.txt"));
    assertEquals("x", read(site.hostFolder() + "/other/x.txt"));
  }

  @Test
  void neverFollowsMailtoJavascriptDataOrFtpLinks() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='mailto:me@127.0.0.1'>mail</a> <a href='javascript:void(0)'>js</a>"
            + " <a href='data:text/plain,hi'>data</a> <a href='ftp://127.0.0.1:" + port(site) + "/f.txt'>ftp</a>"
            + " <a href='tel:+100'>tel</a> <img src='data:image/png;base64,iVBORw0KGgo='> <a href='ok.txt'>ok</a>"))
        .file("/ok.txt", "text/plain", bytes("ok"));

    Hoard.Result run = hoard(site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(Set.of("/", "/robots.txt", "/ok.txt"), Set.copyOf(site.requested()));
    assertEquals(2, num(run.summary().get("ok")));
    assertEquals(0, num(run.summary().get("failed")));
  }

  // ---- hosts ----

  @Test
  void aLinkToAnotherHostIsNotFollowedWithoutSpanHosts() throws IOException {
    CrawlFixtureSite other = site("localhost");
    other.file("/far.txt", "text/plain", bytes("far"));
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='" + other.url("/far.txt") + "'>far</a> <a href='near.txt'>near</a>"))
        .file("/near.txt", "text/plain", bytes("near"));

    Hoard.Result run = hoard(site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(List.of(), other.requested());
    assertEquals(Set.of(site.hostFolder() + "/index.html", site.hostFolder() + "/near.txt"), landed());
  }

  @Test
  void spanHostsFollowsALinkToAnotherHostIntoThatHostsFolderAndAsksItsRobotsTxt() throws IOException {
    CrawlFixtureSite other = site("localhost");
    other.page("/far/", html("<a href='far.txt'>far</a>")).file("/far/far.txt", "text/plain", bytes("far"));
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='" + other.url("/far/") + "'>far</a>"));

    Hoard.Result run = hoard("--span-hosts", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(Set.of(site.hostFolder() + "/index.html", other.hostFolder() + "/far/index.html",
        other.hostFolder() + "/far/far.txt"), landed());
    assertEquals(1, other.count("/robots.txt"));
  }

  @Test
  void anotherPortOfTheSameHostIsTheSameHostAsInWget() throws IOException {
    CrawlFixtureSite other = site();
    other.file("/p.txt", "text/plain", bytes("p"));
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='" + other.url("/p.txt") + "'>other port</a>"));

    Hoard.Result run = hoard(site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals("p", read(other.hostFolder() + "/p.txt"));
  }

  // ---- robots.txt ----

  @Test
  void aFolderDisallowedByRobotsTxtIsNotFetchedAndRobotsTxtIsAskedOnce() throws IOException {
    CrawlFixtureSite site = robotsSite();

    Hoard.Result run = hoard(site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(1, site.count("/robots.txt"));
    assertEquals(List.of(), site.requested().stream().filter(t -> t.startsWith("/private/")).toList());
    String h = site.hostFolder();
    assertEquals(Set.of(h + "/index.html", h + "/pub/1.txt", h + "/pub/2.txt", h + "/pub/p.html", h + "/pub/3.txt"),
        landed());
  }

  @Test
  void noRobotsFetchesTheDisallowedFolderAndNeverAsksForRobotsTxt() throws IOException {
    CrawlFixtureSite site = robotsSite();

    Hoard.Result run = hoard("--no-robots", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(0, site.count("/robots.txt"));
    assertEquals(1, site.count("/private/a.txt"));
    assertEquals(1, site.count("/private/c.txt"));
    assertEquals("b", read(site.hostFolder() + "/private/b/b.txt"));
  }

  // ---- -A, -R, --no-parent, --select ----

  @Test
  void acceptPdfKeepsOnlyPdfsAndDeletesThePagesItFetchedToFindThem() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='docs/'>docs</a> <a href='b.pdf'>b</a> <img src='pic.png'> <a href='notes.txt'>n</a>"))
        .page("/docs/", html("<a href='a.pdf'>a</a> <a href='deep.html'>deep</a>"))
        .page("/docs/deep.html", html("<a href='c.PDF'>c</a>"))
        .file("/b.pdf", "application/pdf", bytes("%PDF-b"))
        .file("/docs/a.pdf", "application/pdf", bytes("%PDF-a"))
        .file("/docs/c.PDF", "application/pdf", bytes("%PDF-c"))
        .file("/pic.png", "image/png", bytes("png"))
        .file("/notes.txt", "text/plain", bytes("notes"));

    Hoard.Result run = hoard("-A", "pdf", site.url("/"));

    assertEquals(0, run.code(), run.err());
    String h = site.hostFolder();
    assertEquals(Set.of(h + "/b.pdf", h + "/docs/a.pdf", h + "/docs/c.PDF"), landed());
    assertEquals(1, site.count("/docs/deep.html"), "a page is fetched to find the pdfs it links");
    assertEquals(0, site.count("/pic.png"));
    assertEquals(0, site.count("/notes.txt"));
    assertEquals("%PDF-c", read(h + "/docs/c.PDF"));
    // --json: a page read only for its links is ok, and its record has no path, for no file stays
    Map<String, Object> deep = run.recordOf(site.url("/docs/deep.html"));
    assertEquals("ok", deep.get("status"));
    assertTrue(deep.containsKey("path") && deep.get("path") == null, deep::toString);
    assertTrue(run.recordOf(site.url("/b.pdf")).get("path") != null);
  }

  @Test
  void acceptPdfDeletesAPageNamedLikeAFolderBeforeFetchingThePdfsInThatFolder() throws IOException {
    CrawlFixtureSite site = site();
    StringBuilder menu = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      menu.append("<a href='d").append(i).append("'>d</a> ");
      // /dI is a page saved as the file dI; /dI/x.pdf needs dI as a folder
      site.page("/d" + i, html("<a href='d" + i + "/x.pdf'>x</a>"))
          .file("/d" + i + "/x.pdf", "application/pdf", bytes("%PDF-" + i));
    }
    site.page("/", html(menu.toString()));

    Hoard.Result run = hoard("-A", "pdf", "-j", "8", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(20, landed().size(), landed()::toString);
    assertEquals("%PDF-7", read(site.hostFolder() + "/d7/x.pdf"));
  }

  @Test
  void rejectedFilesAndPagesAreNeverRequested() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='a.zip'>a</a> <a href='b.ISO'>b</a> <a href='c.txt'>c</a> <a href='sub/'>sub</a>"
            + " <a href='skip-me.html'>skip</a>"))
        .page("/sub/", html("<a href='d.zip'>d</a> <a href='e.txt'>e</a>"))
        .page("/skip-me.html", html("<a href='behind.txt'>behind</a>"))
        .file("/c.txt", "text/plain", bytes("c"))
        .file("/sub/e.txt", "text/plain", bytes("e"));

    Hoard.Result run = hoard("-R", "zip,*.iso", "-R", "skip-*", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(List.of(), site.requested().stream()
        .filter(t -> t.endsWith(".zip") || t.endsWith(".ISO") || t.startsWith("/skip") || t.startsWith("/behind"))
        .toList());
    String h = site.hostFolder();
    assertEquals(Set.of(h + "/index.html", h + "/c.txt", h + "/sub/index.html", h + "/sub/e.txt"), landed());
  }

  @Test
  void noParentNeverGoesAboveTheStartFolder() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/docs/guide/", html("<a href='ch1.html'>1</a> <a href='sub/ch2.html'>2</a> <a href='../other.html'>o</a>"
            + " <a href='/'>home</a> <a href='../api/'>api</a>"))
        .page("/docs/guide/ch1.html", html("<a href='/docs/secret.html'>s</a> <a href='ch1.txt'>t</a>"))
        .page("/docs/guide/sub/ch2.html", html("ch2"))
        .file("/docs/guide/ch1.txt", "text/plain", bytes("t"))
        .page("/docs/other.html", html("o"))
        .page("/docs/secret.html", html("s"))
        .page("/docs/api/", html("a"))
        .page("/", html("home"));

    Hoard.Result run = hoard("--no-parent", site.url("/docs/guide/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(Set.of("/robots.txt", "/docs/guide/", "/docs/guide/ch1.html", "/docs/guide/sub/ch2.html",
        "/docs/guide/ch1.txt"), Set.copyOf(site.requested()));
  }

  @Test
  void selectFollowsOnlyTheLinksOfTheElementsItPicks() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", "<html><head><link rel=stylesheet href='s.css'><script src='j.js'></script></head><body>"
            + "<a class='dl' href='a.bin'>a</a> <a href='b.bin'>b</a> <img src='c.png'>"
            + " <a class='big dl' href='d.bin'>d</a>"
            + " <span class='dl'><a href='e.bin'>inside</a></span></body></html>")
        .file("/a.bin", "application/octet-stream", bytes("a"))
        .file("/d.bin", "application/octet-stream", bytes("d"));

    Hoard.Result run = hoard("--select", "a.dl", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(Set.of("/", "/robots.txt", "/a.bin", "/d.bin"), Set.copyOf(site.requested()));
  }

  // ---- depth and traps ----

  @Test
  void levelOneFetchesTheStartPageAndWhatItLinksOnly() throws IOException {
    CrawlFixtureSite site = chainSite();

    Hoard.Result run = hoard("-l", "1", site.url("/"));

    assertEquals(0, run.code(), run.err());
    String h = site.hostFolder();
    assertEquals(Set.of(h + "/index.html", h + "/l1.html", h + "/f1.txt"), landed());
    assertEquals(0, site.count("/l2.html"));
  }

  @Test
  void levelTwoAlsoFetchesWhatThoseLinkButNoFurther() throws IOException {
    CrawlFixtureSite site = chainSite();

    Hoard.Result run = hoard("-l", "2", site.url("/"));

    assertEquals(0, run.code(), run.err());
    String h = site.hostFolder();
    assertEquals(Set.of(h + "/index.html", h + "/l1.html", h + "/f1.txt", h + "/l2.html", h + "/f2.txt"), landed());
    assertEquals(0, site.count("/l3.html"));
    assertEquals(0, site.count("/f3.txt"));
  }

  @Test
  void anEndlessCalendarEndsAtMaxPagesWithExitZeroAndANote() throws IOException {
    CrawlFixtureSite site = site();
    site.under("/cal/", rest -> {
      int month = Integer.parseInt(rest.replace(".html", ""));
      return CrawlFixtureSite.ok("text/html", bytes(html(
          "<a href='" + (month - 1) + ".html'>prev</a> <a href='" + (month + 1) + ".html'>next</a>"))).build();
    });

    Hoard.Result run = hoard("-l", "inf", "--max-pages=12", site.url("/cal/0.html"));

    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("--max-pages=12"), run.err());
    assertEquals(12, site.requested().stream().filter(t -> t.startsWith("/cal/")).count());
    assertEquals(12, num(run.summary().get("ok")));
    assertEquals(12, landed().size());
  }

  @Test
  void aLinkRepeatedOnManyPagesAndSpelledManyWaysIsFetchedOnce() throws IOException {
    CrawlFixtureSite site = site();
    String spellings = "<a href='shared.txt'>1</a> <a href='./shared.txt'>2</a> <a href='/x/../shared.txt'>3</a>"
        + " <a href='shared.txt#top'>4</a> <a href='HTTP://127.0.0.1:" + port(site) + "/shared.txt'>5</a>"
        + " <a href='/%73hared.txt'>6</a> <a href='/'>home</a>";
    site.page("/", html(spellings + " <a href='p1.html'>p1</a> <a href='p2.html'>p2</a>"))
        .page("/p1.html", html(spellings + " <a href='p2.html'>p2</a>"))
        .page("/p2.html", html(spellings + " <a href='p1.html'>p1</a>"))
        .file("/shared.txt", "text/plain", bytes("shared"));

    Hoard.Result run = hoard(site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(1, site.count("/shared.txt"));
    assertEquals(1, site.count("/"));
    assertEquals(1, site.count("/p1.html"));
    assertEquals(4, landed().size(), landed()::toString);
  }

  @Test
  void aStartUrlWithoutItsSlashIsNotFetchedAgainWhenAPageLinksBackToIt() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='p.html'>p</a>")).page("/p.html", html("<a href='/'>home</a>"));

    Hoard.Result run = hoard(site.url(""));

    assertEquals(0, run.code(), run.err());
    assertEquals(1, site.count("/"));
    assertEquals(Set.of(site.hostFolder() + "/index.html", site.hostFolder() + "/p.html"), landed());
  }

  @Test
  void aPageFirstFoundBeyondTheLastLevelIsStillFetchedWhenAShorterPathReachesItLater() throws IOException {
    // -A pdf -l 3: x.html is worth fetching at depth 2 (its pdf is at 3), not at depth 3 (the last level)
    CountDownLatch longPathWalked = new CountDownLatch(1);
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='slow.html'>short path</a> <a href='fast.html'>long path</a>"))
        .page("/slow.html", html("<a href='x.html'>x</a>"))
        .page("/fast.html", html("<a href='mid.html'>mid</a>"))
        .page("/mid.html", html("<a href='x.html'>x</a> <a href='m.pdf'>m</a>"))
        .page("/x.html", html("<a href='x.pdf'>x</a>"))
        .file("/m.pdf", "application/pdf", bytes("%PDF-m"))
        .file("/x.pdf", "application/pdf", bytes("%PDF-x"))
        // m.pdf is asked only after x.html was met at depth 3: only then does the short path answer
        .beforeServing("/m.pdf", longPathWalked::countDown)
        .beforeServing("/slow.html", () -> await(longPathWalked));

    Hoard.Result run = hoard("-A", "pdf", "-l", "3", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(Set.of(site.hostFolder() + "/m.pdf", site.hostFolder() + "/x.pdf"), landed());
    assertEquals(1, site.count("/x.html"));
  }

  @Test
  void aListedPageThatRedirectsToAnotherHostIsCrawledWhereItLanded() throws IOException {
    CrawlFixtureSite www = site("localhost");
    www.page("/home/", html("<a href='a.txt'>a</a> <a href='/elsewhere/b.txt'>b</a>"))
        .file("/home/a.txt", "text/plain", bytes("a"))
        .file("/elsewhere/b.txt", "text/plain", bytes("b"));
    CrawlFixtureSite bare = site();
    bare.redirect("/", www.url("/home/"));

    Hoard.Result run = hoard("--no-parent", bare.url("/"));

    assertEquals(0, run.code(), run.err());
    assertTrue(landed().contains(www.hostFolder() + "/home/a.txt"), landed()::toString);
    assertFalse(landed().contains(www.hostFolder() + "/elsewhere/b.txt"), "--no-parent holds where it landed");
  }

  @Test
  void aPageWhoseLinksTheLastLevelCutFollowsThemWhenAShorterPathReachesItLater() throws IOException {
    // -l 3 -j 2: x.html is met first at depth 3 (links cut), then at depth 2, where its x.txt is within reach
    CountDownLatch longPathWalked = new CountDownLatch(1);
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='slow.html'>short path</a> <a href='fast.html'>long path</a>"))
        .page("/slow.html", html("<a href='x.html'>x</a>"))
        .page("/fast.html", html("<a href='mid.html'>mid</a>"))
        .page("/mid.html", html("<a href='x.html'>x</a> <a href='z.html'>z</a>"))
        .page("/x.html", html("<a href='x.txt'>x</a>"))
        .page("/z.html", html("z"))
        .file("/x.txt", "text/plain", bytes("x"))
        // one job slot waits on slow.html; the other walks the long path, x.html wholly done before z.html starts
        .beforeServing("/z.html", longPathWalked::countDown)
        .beforeServing("/slow.html", () -> await(longPathWalked));

    Hoard.Result run = hoard("-j", "2", "-l", "3", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertTrue(landed().contains(site.hostFolder() + "/x.txt"), landed()::toString);
    assertEquals(1, site.count("/x.html"), "the page is read again from disk, not fetched again");
  }

  @Test
  void aRerunFetchesWhatTheFirstRunMissedBehindAPageNamedWithoutExtension() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='about'>about</a>")).page("/about", html("<a href='about.txt'>txt</a>"));
    Hoard.Result first = hoard("--retries=0", site.url("/"));
    assertEquals(1, first.code(), "about.txt is missing yet: " + first.err());
    site.file("/about.txt", "text/plain", bytes("about"));

    Hoard.Result again = hoard("--retries=0", site.url("/"));

    assertEquals(0, again.code(), again.err());
    assertEquals("about", read(site.hostFolder() + "/about.txt"));
    assertEquals(1, site.count("/about"), "the page on disk is read again, not fetched");
  }

  @Test
  void aRerunReadsTheLinksOfASavedRedirectedPageFromWhereItCameNotFromItsOwnUrl() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='/go/here'>go</a>"))
        .redirect("/go/here", "/deep/page.html")
        .page("/deep/page.html", html("<a href='sub.html'>sub</a>"))
        .page("/deep/sub.html", html("sub"));
    // the first run saves /go/here at the last level; the next reads it from disk for its links
    Hoard.Result first = hoard("--retries=0", "-l", "1", site.url("/"));
    assertEquals(0, first.code(), first.err());

    Hoard.Result again = hoard("--retries=0", "-l", "2", site.url("/"));

    assertEquals(0, again.code(), again.err());
    assertEquals(1, site.count("/go/here"), "the page on disk is read again, not fetched");
    assertEquals(0, site.count("/go/sub.html"));
    assertEquals("sub", read(site.hostFolder() + "/deep/sub.html").replaceAll(".*<body>|</body>.*", ""));
  }

  @Test
  void aRerunReadsASavedPageInTheCharsetItsServerNamed() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='/latin'>latin</a>"))
        .file("/latin", "text/html; charset=iso-8859-1",
            html("Gr\u00fc\u00dfe <a href='/caf\u00e9.txt'>caf\u00e9</a>").getBytes(StandardCharsets.ISO_8859_1))
        .file("/caf%C3%A9.txt", "text/plain", bytes("cafe"));
    Hoard.Result first = hoard("--retries=0", "-l", "1", site.url("/"));
    assertEquals(0, first.code(), first.err());

    Hoard.Result again = hoard("--retries=0", "-l", "2", site.url("/"));

    assertEquals(0, again.code(), again.err());
    assertEquals(1, site.count("/caf%C3%A9.txt"));
    assertEquals("cafe", read(site.hostFolder() + "/caf\u00e9.txt"));
  }

  @Test
  void aRerunReadsASavedStylesheetNamedWithoutCssForItsLinks() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<link rel=stylesheet href='/theme'>"))
        .file("/theme", "text/css", bytes("body { background: url(bg.png) }"))
        .file("/bg.png", "image/png", bytes("png"));
    Hoard.Result first = hoard("--retries=0", "-l", "1", site.url("/"));
    assertEquals(0, first.code(), first.err());

    Hoard.Result again = hoard("--retries=0", "-l", "2", site.url("/"));

    assertEquals(0, again.code(), again.err());
    assertEquals(1, site.count("/theme"));
    assertEquals("png", read(site.hostFolder() + "/bg.png"));
  }

  @Test
  void convertingAgainLeavesAConvertedRedirectedPageAsItWas() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='/go/here'>go</a>"))
        .redirect("/go/here", "/deep/page.html")
        .page("/deep/page.html", html("<a href='sub.html'>sub</a>"))
        .page("/deep/sub.html", html("sub"));
    Hoard.Result first = hoard("--retries=0", "--convert-links", site.url("/"));
    assertEquals(0, first.code(), first.err());
    String converted = read(site.hostFolder() + "/go/here");
    assertTrue(converted.contains("href='../deep/sub.html'"), converted);

    Hoard.Result again = hoard("--retries=0", "--convert-links", site.url("/"));

    assertEquals(0, again.code(), again.err());
    assertEquals(converted, read(site.hostFolder() + "/go/here"));
    assertEquals(1, site.count("/deep/sub.html"));
  }

  @Test
  void timestampingAConvertedMirrorComparesThePagesBySizeAsServedNotAsConverted() throws IOException {
    CrawlFixtureSite site = site();
    String date = "Wed, 01 Jan 2025 00:00:00 GMT";
    // a server that ignores If-Modified-Since, as dynamic pages often do: the same page, the same time, a 200
    site.under("/", target -> switch (target) {
      case "" -> CrawlFixtureSite.ok("text/html", bytes(html("<a href='/a/b.html'>b</a>")))
          .addHeader("Last-Modified", date).build();
      case "a/b.html" -> CrawlFixtureSite.ok("text/html", bytes(html("<a href='/'>home</a>")))
          .addHeader("Last-Modified", date).build();
      default -> new mockwebserver3.MockResponse.Builder().code(404).build();
    });
    Hoard.Result first = hoard("-N", "--convert-links", site.url("/"));
    assertEquals(0, first.code(), first.err());
    String converted = read(site.hostFolder() + "/a/b.html");
    assertTrue(converted.contains("href='../index.html'"), converted);

    Hoard.Result again = hoard("-N", "--convert-links", site.url("/"));

    assertEquals(0, again.code(), again.err());
    assertEquals("skipped", again.recordOf(site.url("/a/b.html")).get("status"), again.out());
    assertEquals("skipped", again.recordOf(site.url("/")).get("status"), again.out());
    assertEquals(converted, read(site.hostFolder() + "/a/b.html"));
  }

  @Test
  void aConvertedPageReachedSoonerOnARerunLeadsToTheUrlsItsLinksStoodFor() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='s.html'>short path</a> <a href='a.html'>long path</a> <a href='sub/'>sub</a>"))
        .page("/a.html", html("<a href='b.html'>b</a>"))
        .page("/b.html", html("<a href='x.html'>x</a> <a href='z.html'>z</a>"))
        .page("/x.html", html("<a href='sub/'>sub</a> <a href='y.txt'>y</a>"))
        .page("/sub/", html("sub"))
        .page("/sub/index.html", html("sub"))
        .file("/y.txt", "text/plain", bytes("y"));
    String[] command = {"--retries=0", "-j", "2", "-l", "3", "--convert-links", site.url("/")};
    // s.html and z.html are missing yet: x.html is saved at the last level, its links converted, not followed
    hoard(command);
    assertTrue(read(site.hostFolder() + "/x.html").contains("href='sub/index.html'"));
    CountDownLatch longPathWalked = new CountDownLatch(1);
    site.page("/s.html", html("<a href='x.html'>x</a>"))
        .page("/z.html", html("z"))
        // one job slot waits on s.html; the other walks the saved long path, x.html wholly done before z.html starts
        .beforeServing("/z.html", longPathWalked::countDown)
        .beforeServing("/s.html", () -> await(longPathWalked));

    Hoard.Result again = hoard(command);

    assertEquals(0, again.code(), again.err());
    assertEquals(0, site.count("/sub/index.html"), "a converted link is a file's, not a URL");
    assertEquals("y", read(site.hostFolder() + "/y.txt"));
    assertFalse(landed().contains(site.hostFolder() + "/sub/index.1.html"), landed()::toString);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      <!DOCTYPE html><html>            | true
      '  \\n<html lang=en>'             | true
      \uFEFF<p>hello                   | true
      <!-- generated -->               | true
      <A HREF=x>                       | true
      <?xml version="1.0"?><svg/>      | false
      <bold>                           | false
      %PDF-1.7                         | false
      '{"json": true}'                 | false
      ''                               | false
      """)
  void aFileWithoutATypeIsReadAsAPageWhenItStartsLikeOne(String head, boolean page) throws IOException {
    Path file = Files.writeString(tmp.resolve("about"), head.replace("\\n", "\n"), StandardCharsets.UTF_8);

    assertEquals(page, Crawling.sniffsAsHtml(file));
  }

  // ---- a file and a folder of one name ----
  // /a lands as the file a, /a/b needs a as a folder: the second to come fails, saying why, and nothing is lost
  // silently (wget instead deletes the file a). With -j 1 the order is the link order; with more jobs it is whichever
  // download gets there first, so which of the two lands can change from run to run.

  @Test
  void aFileThenAFolderOfTheSameNameBothLandTheFileMovingAsideToItsNextName() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='/a'>a</a> <a href='/a/b'>a/b</a>"))
        .page("/a", html("the page a"))
        .file("/a/b", "text/plain", bytes("b"));

    Hoard.Result run = hoard("-j", "1", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertTrue(read(site.hostFolder() + "/a.1").contains("the page a"));
    assertEquals("b", read(site.hostFolder() + "/a/b"));
    Path host = dir().resolve(site.hostFolder());
    assertTrue(run.err().contains(host.resolve("a") + " moved to " + host.resolve("a.1")), run.err());
    // the download record told where it landed first; a record after it tells where the file is now
    assertEquals(host.resolve("a").toString(), run.record("/a").get("path"));
    assertEquals(List.of(Map.of("url", site.url("/a"), "path", host.resolve("a.1").toString(),
        "moved_from", host.resolve("a").toString())), run.moves());
  }

  @Test
  void aFolderThenAFileOfTheSameNameBothLandTheFileNumbered() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='/a/b'>a/b</a> <a href='/a'>a</a>"))
        .page("/a", html("the page a"))
        .file("/a/b", "text/plain", bytes("b"));

    Hoard.Result run = hoard("-j", "1", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals("b", read(site.hostFolder() + "/a/b"));
    assertTrue(read(site.hostFolder() + "/a.1").contains("the page a"));
    assertEquals(dir().resolve(site.hostFolder()).resolve("a.1").toString(), run.recordOf(site.url("/a")).get("path"));
  }

  // ---- what pages look like ----

  @Test
  void aLatin1PageYieldsItsNonAsciiLinksAsUtf8Urls() throws IOException {
    CrawlFixtureSite site = site();
    site.file("/", "text/html", ("<html><head><meta charset='ISO-8859-1'></head><body><a href='café.txt'>Café</a>"
            + " <a href='latin/'>more</a></body></html>").getBytes(StandardCharsets.ISO_8859_1))
        .file("/latin/", "text/html; charset=ISO-8859-1",
            "<html><body><a href='über.txt'>Über</a></body></html>".getBytes(StandardCharsets.ISO_8859_1))
        .file("/caf%C3%A9.txt", "text/plain", bytes("cafe"))
        .file("/latin/%C3%BCber.txt", "text/plain", bytes("uber"));

    Hoard.Result run = hoard(site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals("cafe", read(site.hostFolder() + "/café.txt"));
    assertEquals("uber", read(site.hostFolder() + "/latin/über.txt"));
  }

  @Test
  void malformedHtmlStillYieldsTheLinksABrowserWouldSee() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", "<html><body><div><a href=one.txt>one<p><a href='two.txt'>two</div></div></span>"
            + "<table><tr><td><a href=\"three.txt\">three</table></b></i><a>no href</a><a href=''>empty</a>"
            + "<a href='http://'>no host</a><<<>>> <a href=five.txt>five <b><i></b></i>"
            + "<!-- a comment that never ends <a href='six.txt'>")
        .file("/one.txt", "text/plain", bytes("1"))
        .file("/two.txt", "text/plain", bytes("2"))
        .file("/three.txt", "text/plain", bytes("3"))
        .file("/five.txt", "text/plain", bytes("5"));

    Hoard.Result run = hoard(site.url("/"));

    assertEquals(0, run.code(), run.err());
    String h = site.hostFolder();
    assertTrue(landed().containsAll(Set.of(h + "/one.txt", h + "/two.txt", h + "/three.txt", h + "/five.txt")),
        landed()::toString);
    assertEquals(0, site.count("/six.txt"), "inside a comment");
  }

  // ---- reports and engine ----

  @Test
  void jsonRecordsCarryDepthAndParentForFoundFilesOnly() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='p.html'>p</a>"))
        .page("/p.html", html("<a href='f.txt'>f</a>"))
        .file("/f.txt", "text/plain", bytes("f"));

    Hoard.Result run = hoard(site.url("/"));

    assertEquals(0, run.code(), run.err());
    Map<String, Object> root = run.recordOf(site.url("/"));
    Map<String, Object> page = run.recordOf(site.url("/p.html"));
    Map<String, Object> file = run.recordOf(site.url("/f.txt"));
    assertFalse(root.containsKey("depth") || root.containsKey("parent"), root::toString);
    assertEquals(1, num(page.get("depth")));
    assertEquals(site.url("/"), page.get("parent"));
    assertEquals(2, num(file.get("depth")));
    assertEquals(site.url("/p.html"), file.get("parent"));
    // --json paths are DIR as it was given, then the path inside it
    assertEquals(dir().resolve(site.hostFolder()).resolve("f.txt").toString(), file.get("path"));
    assertEquals("ok", file.get("status"));
    assertEquals(3, num(run.summary().get("ok")));
  }

  @Test
  void aBrokenLinkIsAFailedRecordWithItsParentTheRestLandsAndTheExitIsOne() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='gone.txt'>gone</a> <a href='here.txt'>here</a>"))
        .file("/here.txt", "text/plain", bytes("here"));

    Hoard.Result run = hoard("--retries=0", site.url("/"));

    assertEquals(1, run.code(), run.err());
    Map<String, Object> gone = run.recordOf(site.url("/gone.txt"));
    assertEquals("failed", gone.get("status"));
    assertTrue(String.valueOf(gone.get("error")).contains("404"), gone::toString);
    assertEquals(site.url("/"), gone.get("parent"));
    assertEquals(1, num(gone.get("depth")));
    assertTrue(run.err().contains("404"), run.err());
    assertEquals("here", read(site.hostFolder() + "/here.txt"));
  }

  @Test
  void waitBetweenRequestsStillFetchesTheTreeInLinkOrder() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='a.html'>a</a> <a href='b.html'>b</a>"))
        .page("/a.html", html("<a href='a1.txt'>a1</a>"))
        .page("/b.html", html("<a href='b1.txt'>b1</a>"))
        .file("/a1.txt", "text/plain", bytes("a1"))
        .file("/b1.txt", "text/plain", bytes("b1"));

    Hoard.Result run = hoard("-j", "1", "--wait=200ms", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("/", "/robots.txt", "/a.html", "/b.html", "/a1.txt", "/b1.txt"), site.requested());
    // robots.txt is paced like any request to its host: unpaced it came some 25 ms after the page. The requests are
    // let go 200 ms apart; they arrive so give or take how long each took to reach the server, hence half of it
    List<CrawlFixtureSite.Hit> hits = site.hits();
    long apart = hits.get(1).nanos() - hits.get(0).nanos();
    assertTrue(apart >= TimeUnit.MILLISECONDS.toNanos(100), "robots.txt came " + apart / 1_000_000 + " ms after /");
  }

  @Test
  void aLargeFoundFileGoesThroughTheEngineInRangePieces() throws IOException {
    byte[] big = new byte[256 * 1024];
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31 + (i >> 9));
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='big.bin'>big</a>")).rangedFile("/big.bin", "application/octet-stream", big);

    Hoard.Result run = hoard("-x", "4", "-k", "64K", site.url("/"));

    assertEquals(0, run.code(), run.err());
    assertArrayEquals(big, Files.readAllBytes(dir().resolve(site.hostFolder()).resolve("big.bin")));
    List<CrawlFixtureSite.Hit> pieces = site.hits().stream().filter(x -> x.target().equals("/big.bin")).toList();
    assertTrue(pieces.size() > 1, pieces::toString);
    assertTrue(pieces.stream().allMatch(x -> x.range() != null && x.range().startsWith("bytes=")), pieces::toString);
    assertEquals(Set.of(site.hostFolder() + "/index.html", site.hostFolder() + "/big.bin"), landed());
    assertEquals(1, num(run.recordOf(site.url("/big.bin")).get("depth")));
  }

  // ---- helpers ----

  /** {@code /} links {@code /private/...} (disallowed for every agent) and {@code /pub/...}. */
  private CrawlFixtureSite robotsSite() throws IOException {
    CrawlFixtureSite site = site();
    site.robots("User-agent: *\nDisallow: /private/\n")
        .page("/", html("<a href='private/a.txt'>a</a> <a href='private/b/'>b</a> <a href='pub/1.txt'>1</a>"
            + " <a href='pub/2.txt'>2</a> <a href='pub/p.html'>p</a>"))
        .page("/pub/p.html", html("<a href='/private/c.txt'>c</a> <a href='3.txt'>3</a>"))
        .page("/private/b/", html("<a href='b.txt'>b</a>"))
        .file("/private/a.txt", "text/plain", bytes("a"))
        .file("/private/b/b.txt", "text/plain", bytes("b"))
        .file("/private/c.txt", "text/plain", bytes("c"))
        .file("/pub/1.txt", "text/plain", bytes("1"))
        .file("/pub/2.txt", "text/plain", bytes("2"))
        .file("/pub/3.txt", "text/plain", bytes("3"));
    return site;
  }

  /** {@code / → l1.html → l2.html → l3.html}, each page also linking a file {@code fN.txt}. */
  private CrawlFixtureSite chainSite() throws IOException {
    CrawlFixtureSite site = site();
    site.page("/", html("<a href='l1.html'>1</a> <a href='f1.txt'>f</a>"))
        .page("/l1.html", html("<a href='l2.html'>2</a> <a href='f2.txt'>f</a>"))
        .page("/l2.html", html("<a href='l3.html'>3</a> <a href='f3.txt'>f</a>"))
        .page("/l3.html", html("end"));
    for (int i = 1; i <= 3; i++) site.file("/f" + i + ".txt", "text/plain", bytes("f" + i));
    return site;
  }

  private CrawlFixtureSite site() throws IOException {
    return site("127.0.0.1");
  }

  private CrawlFixtureSite site(String hostName) throws IOException {
    CrawlFixtureSite s = CrawlFixtureSite.start(hostName);
    sites.add(s);
    return s;
  }

  private static int port(CrawlFixtureSite site) {
    String h = site.hostFolder();
    return Integer.parseInt(h.substring(h.lastIndexOf(':') + 1));
  }

  private static String html(String body) {
    return "<!doctype html><html><head><title>t</title></head><body>" + body + "</body></html>";
  }

  /** Waits for a latch that the run under test opens; the bound only keeps a broken run from hanging the build. */
  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  /** {@code hoard get -r -d DIR --json ARGS}. */
  private Hoard.Result hoard(String... args) {
    List<String> all = new ArrayList<>(List.of("-r", "--json"));
    all.addAll(List.of(args));
    return Hoard.get(dir(), all.toArray(String[]::new));
  }
}
