package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.store.FileOrigin;
import dev.hoard.testing.CrawlFixtureSite;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crawl killed with SIGKILL part-way, then the same command again: it continues where it stopped. Nothing the
 * first run saved is asked for again (the server's log says so), and the finished tree is byte for byte the one an
 * uninterrupted run leaves.
 */
class CrawlKillIT {
  private static final int PAGES = 300;

  @TempDir static Path shared;
  @TempDir Path work;
  private static CrawlFixtureSite site;
  /** The tree an uninterrupted run leaves. */
  private static Map<String, byte[]> expected;

  @BeforeAll
  static void crawlOnceUninterrupted() throws Exception {
    site = treeSite();
    HoardProcess reference = HoardProcess.start(shared, args(shared.resolve("reference"), site));
    assertEquals(0, reference.exitCode(), reference.stderr());
    expected = tree(shared.resolve("reference"));
  }

  @AfterAll
  static void stopSite() {
    if (site != null) site.close();
  }

  @ParameterizedTest(name = "killed while page {0} is being served")
  @ValueSource(ints = {12, 150, 290})
  void aCrawlKilledPartWayContinuesAndAsksForNothingItSaved(int killAt) throws Exception {
    // the server holds one page until the process is dead: the kill lands mid-crawl, with downloads in flight
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    site.beforeServing("/p/" + killAt + ".html", () -> {
      arrived.countDown();
      await(release);
    });
    Path mirror = work.resolve("mirror");
    HoardProcess first = HoardProcess.start(work, args(mirror, site));
    assertTrue(arrived.await(60, TimeUnit.SECONDS), "page " + killAt + " was never asked for:\n" + first.stderr());
    first.kill();
    release.countDown();
    Map<String, String> saved = savedTargets(mirror);
    int mark = site.hits().size();

    HoardProcess second = HoardProcess.start(work, args(mirror, site));
    assertEquals(0, second.exitCode(), second.stderr());

    List<String> rerun = site.requested().subList(mark, site.requested().size());
    assertFalse(saved.isEmpty(), "the first run saved nothing before the kill");
    assertTrue(rerun.stream().anyMatch(t -> !t.equals("/robots.txt")), "the kill came after the crawl was done");
    List<String> askedAgain = new ArrayList<>();
    for (Map.Entry<String, String> s : saved.entrySet()) {
      if (rerun.contains(s.getValue())) askedAgain.add(s.getValue() + " (saved as " + s.getKey() + ")");
    }
    assertEquals(List.of(), askedAgain, "saved before the kill, yet asked for again");
    for (String t : Set.copyOf(rerun)) {
      assertEquals(1, rerun.stream().filter(t::equals).count(), "asked for twice in the rerun: " + t);
    }
    Map<String, byte[]> actual = tree(mirror);
    assertEquals(expected.keySet(), actual.keySet());
    for (String path : expected.keySet()) assertArrayEquals(expected.get(path), actual.get(path), path);
  }

  private static String[] args(Path dir, CrawlFixtureSite site) {
    return new String[] {"-r", "-l", "inf", "-q", "-d", dir.toString(), site.url("/p/0.html")};
  }

  /**
   * {@value #PAGES} pages in a binary tree, page N linking 2N+1 and 2N+2 and a text file of its own; every tenth also
   * has a stylesheet whose image only the stylesheet names.
   */
  private static CrawlFixtureSite treeSite() throws IOException {
    CrawlFixtureSite site = CrawlFixtureSite.start();
    for (int n = 0; n < PAGES; n++) {
      StringBuilder b = new StringBuilder("<!doctype html><html><head><title>" + n + "</title>");
      if (n % 10 == 0) {
        b.append("<link rel=stylesheet href='/css/").append(n).append(".css'>");
        site.file("/css/" + n + ".css", "text/css", bytes("body{background:url(../img/" + n + ".png)}"));
        site.file("/img/" + n + ".png", "image/png", bytes("png " + n));
      }
      b.append("</head><body><a href='/p/0.html'>home</a> <a href='/f/").append(n).append(".txt'>file</a>");
      for (int c = 2 * n + 1; c <= 2 * n + 2 && c < PAGES; c++) {
        b.append(" <a href='").append(c).append(".html'>").append(c).append("</a>");
      }
      site.page("/p/" + n + ".html", b.append("</body></html>").toString());
      site.file("/f/" + n + ".txt", "text/plain", bytes("file " + n + "\n".repeat(n)));
    }
    return site;
  }

  /** What the folder holds, path by path: finished files only, no part files, states or hidden sidecars. */
  private static Map<String, byte[]> tree(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (Path p : finished(dir)) out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
    return out;
  }

  /** The finished files of the folder and the request target each records it came from. */
  private static Map<String, String> savedTargets(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path p : finished(dir)) {
      URI url = URI.create(FileOrigin.of(p));
      out.put(dir.relativize(p).toString(), url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }
    return out;
  }

  private static List<Path> finished(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().endsWith(".part")
              && !p.getFileName().toString().endsWith(".part.state"))
          .toList();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      // bounded only so that a broken test cannot hang the server's thread forever
      latch.await(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
