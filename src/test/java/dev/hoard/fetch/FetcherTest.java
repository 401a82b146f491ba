package dev.hoard.fetch;

import dev.hoard.testing.ServedFolderTest;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.redirect;
import static dev.hoard.testing.Servers.unavailable;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FetcherTest extends ServedFolderTest {
  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void followsARedirectAndNamesTheFileAfterTheListedUrl(int code) throws Exception {
    routes.on("/listed.bin", redirect(code, "/storage/target-name.bin")).on("/storage/target-name.bin", ok("payload"));

    Hoard.get(dir, url(server, "/listed.bin")).exits(0);

    assertEquals("payload", Files.readString(dir.resolve("listed.bin")));
    assertFalse(Files.exists(dir.resolve("target-name.bin")), "the server chose a local name");
  }

  @Test
  void aRedirectLoopFailsThatDownloadOnly() throws Exception {
    routes.on("/ping", redirect(302, "/pong")).on("/pong", redirect(302, "/ping")).on("/fine.txt", ok("fine"));

    Hoard.get(dir, url(server, "/ping"), url(server, "/fine.txt")).exits(1)
        .errContains(url(server, "/ping"), "redirect loop");

    assertEquals("fine", Files.readString(dir.resolve("fine.txt")));
    assertFalse(Files.exists(dir.resolve("ping")));
    assertTrue(routes.requests("/ping").size() <= 2, "a loop is not retried: " + routes.requests());
  }

  @Test
  void tenRedirectsAreFollowed() throws Exception {
    chain(10);

    Hoard.get(dir, url(server, "/hop0")).exits(0);

    assertEquals("end of the chain", Files.readString(dir.resolve("hop0")));
  }

  @Test
  void elevenRedirectsFail() throws Exception {
    chain(11);

    Hoard.get(dir, url(server, "/hop0")).exits(1).errContains(url(server, "/hop0"), "too many redirects");

    assertFalse(Files.exists(dir.resolve("hop0")));
    assertTrue(routes.requests("/end").isEmpty(), "the 12th hop was requested");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://127.0.0.1/file.bin", "file:///etc/passwd", "javascript:alert(1)"})
  void aRedirectToANonHttpSchemeFails(String location) throws Exception {
    routes.on("/elsewhere.bin", redirect(302, location));

    Hoard.get(dir, url(server, "/elsewhere.bin")).exits(1).errContains(url(server, "/elsewhere.bin"), "refusing");

    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "files landed");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:99999/file.bin", "http://127.0.0.1:0/file.bin"})
  void aRedirectToAPortOutOfRangeFailsNamingIt(String location) throws Exception {
    routes.on("/elsewhere.bin", redirect(302, location)).on("/fine.txt", ok("fine"));

    Hoard.get(dir, url(server, "/elsewhere.bin"), url(server, "/fine.txt")).exits(1)
        .errContains(url(server, "/elsewhere.bin"), "out of range (1-65535)");

    assertEquals("fine", Files.readString(dir.resolve("fine.txt")), "the other download lands");
    assertFalse(Files.exists(dir.resolve("elsewhere.bin")));
  }

  @ParameterizedTest
  @ValueSource(ints = {300, 301, 302, 307})
  void aRedirectWithoutALocationFailsAndItsBodyNeverLands(int code) throws Exception {
    routes.on("/moved.bin", new mockwebserver3.MockResponse.Builder().code(code).body("<html>moved</html>").build());

    Hoard.get(dir, url(server, "/moved.bin")).exits(1).errContains(url(server, "/moved.bin"), String.valueOf(code));

    assertFalse(Files.exists(dir.resolve("moved.bin")));
  }

  @Test
  void aRefusedConnectionSaysSo() throws Exception {
    MockWebServer closed = Servers.start(new Routes());
    String gone = url(closed, "/file.bin");
    closed.close();

    Hoard.get(dir, "--retries=1", gone).exits(1).errContains(gone + ": connection refused");
  }

  @Test
  void verboseShowsEveryHopOfARedirectWithItsStatusAndTime() throws Exception {
    routes.on("/listed.bin", redirect(302, "/storage/file.bin")).on("/storage/file.bin", ok("payload"));

    var run = Hoard.get(dir, "-v", url(server, "/listed.bin")).exits(0);

    assertEquals(List.of(
        "hoard: GET " + url(server, "/listed.bin") + " Range: bytes=0- -> 302 Redirection (N ms)",
        "hoard: GET " + url(server, "/storage/file.bin") + " Range: bytes=0- -> 200 OK (N ms)"), requestLines(run));
  }

  @Test
  void verboseShowsTheRangeOfEachPiece() throws Exception {
    byte[] body = Servers.bytes(3 << 20);
    routes.on("/big.bin", new RangeDispatcher().file("/big.bin", body, null));

    var run = Hoard.get(dir, "-v", "-x", "3", "-k", "1M", url(server, "/big.bin")).exits(0);

    List<String> lines = requestLines(run);
    assertEquals(routes.requests("/big.bin").size(), lines.size(), run.err());
    assertTrue(lines.size() >= 2, run.err());
    for (String line : lines) {
      assertTrue(line.matches("hoard: GET \\Q" + url(server, "/big.bin") + "\\E Range: bytes=\\d+-\\d* -> 206 .*"), line);
    }
  }

  @Test
  void verboseShowsEachRetryAndARequestThatGotNoAnswer() throws Exception {
    routes.on("/flaky.bin", unavailable("0"), ok("at last"));
    MockWebServer closed = Servers.start(new Routes());
    String gone = url(closed, "/file.bin");
    closed.close();

    var run = Hoard.get(dir, "-v", "--retries=1", url(server, "/flaky.bin"), gone).exits(1);

    List<String> lines = requestLines(run);
    assertTrue(lines.containsAll(List.of(
        "hoard: GET " + url(server, "/flaky.bin") + " Range: bytes=0- -> 503 Service Unavailable (N ms)",
        "hoard: GET " + url(server, "/flaky.bin") + " Range: bytes=0- -> 200 OK (N ms)",
        "hoard: GET " + gone + " Range: bytes=0- -> connection refused (N ms)")), run.err());
    assertEquals(4, lines.size(), run.err());
  }

  @Test
  void verboseHidesThePasswordOfAUrl() throws Exception {
    routes.on("/secret.txt", ok("s"));
    String withPassword = url("alice:hunter2@127.0.0.1", server, "/secret.txt");

    var run = Hoard.get(dir, "-v", withPassword).exits(0);

    assertEquals(List.of("hoard: GET " + url("alice:***@127.0.0.1", server, "/secret.txt")
        + " Range: bytes=0- -> 200 OK (N ms)"), requestLines(run));
    assertFalse(run.err().contains("hunter2"), run.err());
  }

  @Test
  void withoutVerboseNoRequestIsShown() throws Exception {
    routes.on("/quiet.txt", ok("q"));

    var run = Hoard.get(dir, url(server, "/quiet.txt")).exits(0);

    assertEquals(List.of(), requestLines(run));
  }

  /** The {@code -v} lines of a run, each one's time written {@code N}. */
  private static List<String> requestLines(Hoard.Result run) {
    return run.err().lines().filter(l -> l.startsWith("hoard: GET ") || l.startsWith("hoard: HEAD "))
        .map(l -> l.replaceAll("\\(\\d+ ms\\)$", "(N ms)")).toList();
  }

  /** {@code /hop0} → {@code /hop1} → … → {@code /end}: {@code redirects} redirects, then the file. */
  private void chain(int redirects) {
    for (int i = 0; i < redirects; i++) routes.on("/hop" + i, redirect(302, i + 1 < redirects ? "/hop" + (i + 1) : "/end"));
    routes.on("/end", ok("end of the chain"));
  }
}
