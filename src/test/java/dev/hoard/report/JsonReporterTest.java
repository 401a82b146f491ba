package dev.hoard.report;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.status;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.store.FileOrigin;
import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReporterTest {
  private static final Set<String> RECORD = Set.of("url", "path", "status", "bytes", "ms", "http");
  private static final Set<String> SUMMARY = Set.of("summary", "ok", "skipped", "failed", "bad_lines", "bytes", "ms");

  @TempDir Path tmp;

  @Test
  void everyDownloadIsOneRecordAndTheSummaryComesLast() throws Exception {
    Routes routes = new Routes().on("/a.txt", ok("alpha")).on("/b.txt", ok("bravo!"))
        .on("/gone", status(404, "Not Found"));
    try (MockWebServer server = Servers.start(routes)) {
      Path dir = tmp.resolve("dl");
      Files.createDirectories(dir);
      // a finished file of an earlier run for the same URL: it records where it came from
      FileOrigin.record(Files.writeString(dir.resolve("b.txt"), "had it"), url(server, "/b.txt"));

      var run = Hoard.get(dir, "--json", url(server, "/a.txt"), url(server, "/b.txt"), url(server, "/gone")).exits(1);

      assertEquals(4, run.json().size(), run.out());
      for (Map<String, Object> r : run.records()) {
        Set<String> expected = "failed".equals(r.get("status")) ? union(RECORD, "error") : RECORD;
        assertEquals(expected, r.keySet(), r.toString());
        assertInstanceOf(Number.class, r.get("bytes"));
        assertInstanceOf(Number.class, r.get("ms"));
        assertInstanceOf(Number.class, r.get("http"));
        assertTrue(((Number) r.get("ms")).longValue() >= 0);
      }

      Map<String, Object> a = run.record("/a.txt");
      assertEquals(url(server, "/a.txt"), a.get("url"));
      assertEquals("ok", a.get("status"));
      assertEquals(5, ((Number) a.get("bytes")).intValue());
      assertEquals(200, ((Number) a.get("http")).intValue());
      assertEquals(dir.resolve("a.txt"), resolve(a));

      Map<String, Object> b = run.record("/b.txt");
      assertEquals("skipped", b.get("status"));
      assertEquals(6, ((Number) b.get("bytes")).intValue());
      assertEquals(dir.resolve("b.txt"), resolve(b));

      Map<String, Object> gone = run.record("/gone");
      assertEquals("failed", gone.get("status"));
      assertEquals(404, ((Number) gone.get("http")).intValue());
      assertEquals("404 Not Found", gone.get("error"));
      assertEquals(0, ((Number) gone.get("bytes")).intValue());
      assertNull(gone.get("path"), "a failed download that left nothing names no path");

      Map<String, Object> summary = run.summary();
      assertEquals(SUMMARY, summary.keySet());
      assertEquals(1, ((Number) summary.get("ok")).intValue());
      assertEquals(1, ((Number) summary.get("skipped")).intValue());
      assertEquals(1, ((Number) summary.get("failed")).intValue());
      // downloaded in this run: a.txt only, not b.txt that was there
      assertEquals(5, ((Number) summary.get("bytes")).intValue());
      assertEquals(0, ((Number) summary.get("bad_lines")).intValue());
      assertTrue(run.err().contains(url(server, "/gone") + ": 404 Not Found"), run.err());
    }
  }

  @Test
  void aDownloadThatFailedBeforeItHadAPathStillHasEveryField() throws Exception {
    Routes routes = new Routes().on("/linked", ok("never written"));
    try (MockWebServer server = Servers.start(routes)) {
      Path dir = Files.createDirectories(tmp.resolve("dl"));
      // the mirror tree's host folder is a link planted to lead elsewhere: nothing is written through it
      Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
      Files.createSymbolicLink(dir.resolve("127.0.0.1:" + server.getPort()), elsewhere);

      var run = Hoard.get(dir, "--json", "-r", url(server, "/linked")).exits(1);

      Map<String, Object> r = run.record("/linked");
      assertEquals(union(RECORD, "error"), r.keySet(), r.toString());
      assertEquals("failed", r.get("status"));
      assertNull(r.get("path"));
      assertTrue(((String) r.get("error")).contains("symbolic link"), r.toString());
      assertFalse(Files.exists(elsewhere.resolve("linked")));
    }
  }

  @Test
  void aLinkPlantedUnderAFilesNameIsNeverWrittenThroughTheFileLandsBeside() throws Exception {
    Routes routes = new Routes().on("/linked", ok("from the server"));
    try (MockWebServer server = Servers.start(routes)) {
      Path dir = Files.createDirectories(tmp.resolve("dl"));
      Path target = Files.writeString(tmp.resolve("elsewhere"), "mine");
      Files.createSymbolicLink(dir.resolve("linked"), target);

      var run = Hoard.get(dir, "--json", url(server, "/linked")).exits(0);

      assertEquals("mine", Files.readString(target));
      assertEquals("from the server", Files.readString(dir.resolve("linked.1")));
      assertEquals(dir.resolve("linked.1").toString(), run.record("/linked").get("path"));
    }
  }

  @Test
  void eachBadLineOfTheLinksFileIsARecordAndTheSummaryCountsThem() throws Exception {
    Routes routes = new Routes().on("/a.txt", ok("alpha"));
    try (MockWebServer server = Servers.start(routes)) {
      Path list = Files.writeString(tmp.resolve("links.txt"), String.join("\n",
          url(server, "/a.txt"), "gopher://old", url(server, "/b.txt") + " colour=blue") + "\n");

      var run = Hoard.get(tmp.resolve("dl"), "--json", "-i", list.toString()).exits(1);

      List<Map<String, Object>> bad = run.records().stream().filter(r -> r.containsKey("input")).toList();
      assertEquals(List.of(
          Map.of("input", list.toString(), "line", 2, "error", "not an http or https URL: 'gopher://old'"),
          Map.of("input", list.toString(), "line", 3, "error", "unknown key 'colour' (known: out, sha256)")), bad);
      assertEquals(2, ((Number) run.summary().get("bad_lines")).intValue());
      assertEquals(1, ((Number) run.summary().get("ok")).intValue());
      run.errContains(list + ":2: not an http or https URL", list + ":3: unknown key 'colour'");
    }
  }

  @Test
  void standardOutputHoldsNothingButJsonLines() throws Exception {
    Routes routes = new Routes().on("/a.txt", ok("alpha"));
    try (MockWebServer server = Servers.start(routes)) {
      var run = Hoard.get(tmp.resolve("dl"), "--json", "--progress=plain", url(server, "/a.txt")).exits(0);

      assertEquals(2, run.json().size(), run.out());
      assertEquals(2, run.out().lines().count());
    }
  }

  @Test
  void aCrawledFileCarriesItsDepthAndParent() {
    StringWriter out = new StringWriter();
    JsonReporter reporter = new JsonReporter(new PrintWriter(out), new PrintWriter(new StringWriter()));
    reporter.finished(new DownloadResult("http://h/img.png", "dl/h/img.png", DownloadResult.Status.OK, 3, 1, 200,
        null, 2, "http://h/page.html"));
    reporter.finished(new DownloadResult("http://h/", "dl/h/index.html", DownloadResult.Status.OK, 3, 1, 200,
        null, 0, null));

    List<String> lines = out.toString().lines().toList();
    assertTrue(lines.get(0).contains("\"depth\":2") && lines.get(0).contains("\"parent\":\"http://h/page.html\""),
        lines.get(0));
    assertFalse(lines.get(1).contains("depth"), lines.get(1));
  }

  private static Path resolve(Map<String, Object> record) {
    return Path.of((String) record.get("path")).toAbsolutePath().normalize();
  }

  private static Set<String> union(Set<String> a, String b) {
    java.util.HashSet<String> s = new java.util.HashSet<>(a);
    s.add(b);
    return s;
  }
}
