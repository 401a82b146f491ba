package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.check.HangingServer;
import dev.hoard.check.Sites;
import dev.hoard.testing.Hoard;
import dev.hoard.testing.RawServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckCommandTest {
  @TempDir Path dir;
  private Sites sites;

  @BeforeEach
  void start() throws IOException {
    sites = new Sites();
  }

  @AfterEach
  void stop() {
    sites.close();
  }

  @Test
  void exitsZeroAndSaysUpWhenEverySiteIsUp() {
    Hoard.Result run = Hoard.check(sites.url("/ok"), sites.url("/moved"), sites.url("/no-head"));
    assertEquals(0, run.code(), run.err());
    List<String> lines = run.outLines();
    assertEquals(4, lines.size(), run.out());
    for (String line : lines.subList(0, 3)) assertTrue(line.startsWith("up    200"), line);
    assertTrue(lines.get(3).startsWith("3 checked: 3 up, 0 down in "), lines.get(3));
  }

  @Test
  void exitsOneAndGivesEachDownSiteItsReason() throws IOException {
    String refused = HangingServer.closedPortUrl();
    Hoard.Result run = Hoard.check("--retries=0", sites.url("/ok"), sites.url("/missing"), sites.url("/broken"),
        refused);
    assertEquals(1, run.code(), run.err());
    List<String> lines = run.outLines();
    assertTrue(lines.get(0).startsWith("up    200"), lines.get(0));
    assertTrue(lines.get(1).startsWith("down  404") && lines.get(1).endsWith(sites.url("/missing") + "  404 Client Error"),
        lines.get(1));
    assertTrue(lines.get(2).startsWith("down  500") && lines.get(2).endsWith("500 Server Error"), lines.get(2));
    assertTrue(lines.get(3).startsWith("down    -") && lines.get(3).endsWith(refused + "  connection refused"),
        lines.get(3));
    assertTrue(lines.get(4).startsWith("4 checked: 1 up, 3 down in "), lines.get(4));
  }

  @Test
  void aServerThatNeverAnswersIsDownAfterTheTimeout() throws IOException {
    try (HangingServer hanging = new HangingServer()) {
      Hoard.Result run = Hoard.check("--timeout=300ms", "--retries=0", hanging.url("/"));
      assertEquals(1, run.code());
      assertTrue(run.outLines().get(0).contains("timed out"), run.out());
    }
  }

  @Test
  void jsonPrintsOneObjectPerCheckAndTheSummaryLast() throws IOException {
    Hoard.Result run = Hoard.check("--json", "--retries=0", sites.url("/ok"), sites.url("/missing"));
    assertEquals(1, run.code());
    List<String> lines = run.outLines();
    assertEquals(3, lines.size(), run.out());
    Map<String, Object> up = JSON.std.mapFrom(lines.get(0));
    assertEquals(sites.url("/ok"), up.get("url"));
    assertEquals("up", up.get("state"));
    assertEquals(200, up.get("http"));
    assertTrue(up.get("ms") instanceof Number);
    assertEquals(false, up.containsKey("error"));
    Map<String, Object> down = JSON.std.mapFrom(lines.get(1));
    assertEquals("down", down.get("state"));
    assertEquals("404 Client Error", down.get("error"));
    Map<String, Object> summary = JSON.std.mapFrom(lines.get(2));
    assertEquals(true, summary.get("summary"));
    assertEquals(1, summary.get("up"));
    assertEquals(1, summary.get("down"));
    assertTrue(summary.get("ms") instanceof Number);
    assertEquals("", run.err());
  }

  @Test
  void aBadLineOfTheLinksFileIsReportedWithItsNumberAndTheOthersStillChecked() throws IOException {
    Path links = dir.resolve("links.txt");
    Files.writeString(links, "# sites\n" + sites.url("/ok") + "\nftp://files.test/x\n" + sites.url("/moved") + "\n");
    Hoard.Result run = Hoard.check("-i", links.toString());
    assertEquals(1, run.code());
    assertEquals("hoard: " + links + ":3: not an http or https URL: 'ftp://files.test/x'", run.err().strip());
    assertTrue(run.outLines().get(2).startsWith("2 checked: 2 up, 0 down"), run.out());
  }

  @Test
  void aBadLineIsReportedInTheSameWordsAsGetReportsIt() throws IOException {
    Path links = dir.resolve("links.txt");
    Files.writeString(links, "ftp://files.test/x\n");
    String checked = Hoard.check("-i", links.toString()).err().strip();
    String got = Hoard.get(dir.resolve("dl"), "-i", links.toString()).err().strip();
    assertEquals(got, checked);
  }

  @Test
  void badLinesAreCountedInTheSummaryThatExplainsTheExitStatus() throws IOException {
    Path links = dir.resolve("links.txt");
    Files.writeString(links, sites.url("/ok") + "\nftp://files.test/x\n");

    Hoard.Result plain = Hoard.check("-i", links.toString());
    assertEquals(1, plain.code(), "a bad line makes it 1, every site up or not");
    assertTrue(plain.outLines().get(1).matches("1 checked: 1 up, 0 down in \\d+ ms; 1 bad line"), plain.out());

    Hoard.Result json = Hoard.check("--json", "-i", links.toString());
    assertEquals(1, json.code());
    Map<String, Object> summary = json.json().get(json.json().size() - 1);
    assertEquals(1, summary.get("bad_lines"), json.out());
  }

  @Test
  void theLinksFileCanComeFromStandardInput() {
    Hoard.Result run = Hoard.with().stdin(sites.url("/ok") + "\n").check("-i", "-");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.outLines().get(0).startsWith("up    200"), run.out());
  }

  @Test
  void aMissingLinksFileIsAUsageError() {
    Hoard.Result run = Hoard.check("-i", dir.resolve("nope.txt").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("no such file"), run.err());
  }

  @Test
  void theNotifyCommandRunsOncePerSiteFoundDown() throws IOException {
    Path log = dir.resolve("changes.log");
    Hoard.Result run = Hoard.check("--retries=0",
        "--notify-cmd=echo \"$HOARD_STATE $HOARD_HTTP $HOARD_URL\" >> '" + log + "'", sites.url("/ok"),
        sites.url("/missing"));
    assertEquals(1, run.code());
    assertEquals(List.of("down 404 " + sites.url("/missing")), Files.readAllLines(log));
  }

  @Test
  void whatTheNotifyCommandPrintsGoesToStandardErrorAndAFailureIsExplainedAfterIt() {
    Hoard.Result run = Hoard.check("--retries=0",
        "--notify-cmd=echo \"paging for $HOARD_STATE\"; echo 'pager unreachable' >&2; exit 4", sites.url("/ok"),
        sites.url("/missing"));
    assertEquals(1, run.code());
    assertEquals(List.of(
        "paging for down",
        "pager unreachable",
        "hoard: --notify-cmd failed for " + sites.url("/missing") + " (down): exited with status 4"),
        run.err().lines().toList());
    assertEquals(false, run.out().contains("pag"), run.out());
  }

  /** A reason phrase that clears the screen and retitles the terminal, as an outside tester's server sent it. */
  private static final String HOSTILE_REASON = "Nope\u001b[2J\u001b]0;pwned\u0007";
  /** {@link #HOSTILE_REASON} as hoard shows it. */
  private static final String SHOWN_REASON = "Nope\\x1b[2J\\x1b]0;pwned\\x07";

  @Test
  void aReasonPhraseWithControlCharactersIsWrittenOutInTheReportTheNotifyCommandAndTheWebhook() throws Exception {
    Path error = dir.resolve("error.txt");
    try (RawServer site = RawServer.answering("HTTP/1.1 404 " + HOSTILE_REASON);
        MockWebServer receiver = new MockWebServer()) {
      receiver.start(InetAddress.getLoopbackAddress(), 0);
      receiver.enqueue(new MockResponse.Builder().code(200).build());

      Hoard.Result run = Hoard.check("--retries=0", "--notify-cmd=printf '%s' \"$HOARD_ERROR\" > '" + error + "'",
          "--webhook=" + receiver.url("/hook"), site.url("/x")).exits(1).printable();

      String shown = "404 " + SHOWN_REASON;
      assertTrue(run.outLines().get(0).endsWith(site.url("/x") + "  " + shown), run.out());
      assertEquals(shown, Files.readString(error));
      String body = receiver.takeRequest().getBody().utf8();
      assertEquals(shown, JSON.std.mapFrom(body).get("error"), body);
    }
  }

  @Test
  void jsonShowsAReasonPhraseWithControlCharactersWrittenOut() throws IOException {
    try (RawServer site = RawServer.answering("HTTP/1.1 404 " + HOSTILE_REASON)) {
      Hoard.Result run = Hoard.check("--retries=0", "--json", site.url("/x")).exits(1).printable();
      assertEquals("404 " + SHOWN_REASON, run.json().get(0).get("error"));
    }
  }

  @Test
  void aWebhookRefusingWithControlCharactersIsReportedWrittenOut() throws IOException {
    try (RawServer receiver = RawServer.answering("HTTP/1.1 400 Bad\u001b[2J")) {
      Hoard.check("--retries=0", "--webhook=" + receiver.url("/hook"), sites.url("/missing")).exits(1).printable()
          .errContains("--webhook failed for " + sites.url("/missing") + " (down): 400 Bad\\x1b[2J");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--jobs=0|--jobs",
      "--jobs=many|--jobs",
      "--jobs=5000|--jobs",
      "--timeout=soon|--timeout",
      "--timeout=0s|--timeout",
      "--retries=-1|--retries",
      "--watch=0ms|--watch",
      "--watch=daily|--watch",
      "--webhook=ftp://hooks.test/|--webhook",
      "--notify-cmd=  |--notify-cmd",
  })
  void aBadValueIsAUsageErrorNamingTheOption(String arg, String option) {
    Hoard.Result run = Hoard.check(arg, sites.url("/ok"));
    assertEquals(2, run.code());
    assertTrue(run.err().contains(option), run.err());
    assertEquals(List.of(), sites.methods("/ok"));
  }

  @Test
  void aWatchEndsWithZeroWhenInterrupted() {
    Interrupt interrupt = new Interrupt();
    // the interrupt comes as soon as the first round's summary is out, as a user's Ctrl-C would
    Hoard.Result run = Hoard.with().interrupt(interrupt).onOutLine(line -> {
      if (line.contains(" checked: ")) interrupt.raise();
    }).check("--watch=1h", "--retries=0", sites.url("/ok"), sites.url("/missing"));
    assertEquals(0, run.code(), run.err());
    assertEquals(3, run.outLines().size(), run.out());
  }

  @Test
  void eachLineOfAWatchStartsWithTheTimeOfTheCheck() {
    Interrupt interrupt = new Interrupt();
    Hoard.Result run = Hoard.with().interrupt(interrupt).onOutLine(line -> {
      if (line.contains(" checked: ")) interrupt.raise();
    }).check("--watch=1h", "--retries=0", sites.url("/ok"), sites.url("/missing"));
    List<String> lines = run.outLines();
    assertEquals(3, lines.size(), run.out());
    String time = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d  ";
    assertTrue(lines.get(0).matches(time + "up    200 .*" + Pattern.quote(sites.url("/ok"))), lines.get(0));
    assertTrue(lines.get(1).matches(time + "down  404 .*"), lines.get(1));
    assertTrue(lines.get(2).matches(time + "2 checked: 1 up, 1 down in \\d+ ms"), lines.get(2));
  }

  @Test
  void aSinglePassEndsWith130WhenInterrupted() {
    Interrupt interrupt = new Interrupt();
    interrupt.raise();
    Hoard.Result run = Hoard.with().interrupt(interrupt).check(sites.url("/ok"));
    assertEquals(130, run.code());
    assertEquals(List.of(), sites.methods("/ok"));
  }

  @Test
  void helpDescribesTheOptions() {
    Hoard.Result run = Hoard.check("--help");
    assertEquals(0, run.code());
    for (String option : List.of("--jobs", "--timeout", "--retries", "--watch", "--notify-cmd", "--webhook", "--json")) {
      assertTrue(run.out().contains(option), option);
    }
  }
}
