package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.plan.Job;
import dev.hoard.plan.LineError;
import dev.hoard.plan.LinksFile;
import dev.hoard.testing.FakeClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunTest {
  @TempDir Path dir;
  private Sites sites;
  private final MockWebServer receiver = new MockWebServer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    sites = new Sites();
    receiver.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    sites.close();
    receiver.close();
  }

  private CheckOptions options(Duration watch, String notifyCmd, boolean webhook) {
    return new CheckOptions(4, Duration.ofSeconds(2), 0, watch, notifyCmd,
        webhook ? URI.create(receiver.url("/hook").toString()) : null, false, "hoard/test");
  }

  /** Runs on {@code ticker}, whose first reading is 14:37:05 on 2 December 2026 in UTC. */
  private CheckRun run(CheckOptions options, FakeClock ticker) {
    return new CheckRun(options, new PrintWriter(out, true), new PrintWriter(err, true), ticker,
        ticker.wall(Instant.parse("2026-12-02T14:37:05Z"), ZoneOffset.UTC));
  }

  private Iterator<LinksFile.Entry> list(String... paths) {
    List<LinksFile.Entry> entries = new ArrayList<>();
    for (String p : paths) entries.add(Job.listed(URI.create(sites.url(p)), null, null));
    return entries.iterator();
  }

  /** The line Report prints for a check that took no time on the fake clock. */
  private String line(String state, int http, String path, String error) {
    String l = String.format("%-4s  %3d    0 ms  %s", state, http, sites.url(path));
    return error == null ? l : l + "  " + error;
  }

  private String appendChange() {
    return "echo \"$HOARD_STATE $HOARD_HTTP $HOARD_URL\" >> '" + dir.resolve("changes.log") + "'";
  }

  private List<String> changesLogged() throws IOException {
    Path log = dir.resolve("changes.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void onceReportsEverySiteInListOrderAndASummary() {
    CheckRun.Totals outcome = run(options(null, null, false), new FakeClock(0)).run(list("/ok", "/missing", "/broken"));
    assertEquals(List.of(
        line("up", 200, "/ok", null),
        line("down", 404, "/missing", "404 Client Error"),
        line("down", 500, "/broken", "500 Server Error"),
        "3 checked: 1 up, 2 down in 0 ms"), out.toString().lines().toList());
    assertEquals(new CheckRun.Totals(1, 2, 0, false, false), outcome);
  }

  @Test
  void onceChecksASiteListedTwiceOnce() {
    CheckRun.Totals outcome = run(options(null, null, false), new FakeClock(0)).run(list("/ok", "/missing", "/ok"));
    assertEquals(List.of(
        line("up", 200, "/ok", null),
        line("down", 404, "/missing", "404 Client Error"),
        "2 checked: 1 up, 1 down in 0 ms"), out.toString().lines().toList());
    assertEquals(new CheckRun.Totals(1, 1, 0, false, false), outcome);
    assertEquals(1, sites.methods("/ok").size());
  }

  @Test
  void onceCutShortSaysSoAndCountsWhatItReported() {
    CheckRun run = run(options(null, null, false), new FakeClock(0));
    Iterator<LinksFile.Entry> two = list("/ok", "/missing");
    // the stop comes while the list is read, after two sites: as SIGINT would, on the thread running the checks
    Iterator<LinksFile.Entry> cut = new Iterator<>() {
      @Override public boolean hasNext() {
        if (!two.hasNext()) run.stop();
        return true;
      }

      @Override public LinksFile.Entry next() {
        return two.hasNext() ? two.next() : Job.listed(URI.create(sites.url("/ok")), null, null);
      }
    };

    CheckRun.Totals outcome = run.run(cut);

    List<String> lines = out.toString().lines().toList();
    int reported = lines.size() - 1;
    assertTrue(reported <= 2, lines.toString());
    assertTrue(lines.get(reported).matches(reported + " checked: \\d up, \\d down in 0 ms; interrupted, the rest not"
        + " checked"), lines.toString());
    assertEquals(reported, outcome.up() + outcome.down());
    assertTrue(outcome.stopped());
  }

  @Test
  void onceNotifiesEachSiteFoundDownByCommandAndWebhook() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    run(options(null, appendChange(), true), new FakeClock(0)).run(list("/ok", "/missing"));
    assertEquals(List.of("down 404 " + sites.url("/missing")), changesLogged());
    assertEquals(1, receiver.getRequestCount());
    RecordedRequest hook = receiver.takeRequest();
    assertEquals("down", JSON.std.mapFrom(hook.getBody().utf8()).get("state"));
    assertEquals("", err.toString());
  }

  @Test
  void aFailingNotifyCommandIsReportedAndDoesNotStopTheRun() {
    CheckRun.Totals outcome = run(options(null, "exit 7", false), new FakeClock(0))
        .run(list("/missing", "/ok", "/broken"));
    assertEquals(new CheckRun.Totals(1, 2, 0, false, false), outcome);
    assertEquals(4, out.toString().lines().count());
    List<String> errors = err.toString().lines().toList();
    assertEquals(List.of(
        "hoard: --notify-cmd failed for " + sites.url("/missing") + " (down): exited with status 7",
        "hoard: --notify-cmd failed for " + sites.url("/broken") + " (down): exited with status 7"), errors);
  }

  @Test
  void badLinesAreReportedWithTheirNumberAndCounted() {
    List<LinksFile.Entry> entries = new ArrayList<>();
    list("/ok").forEachRemaining(entries::add);
    entries.add(new LineError("links.txt", 2, "not an http or https URL: 'ftp://x/'"));
    CheckRun.Totals outcome = run(options(null, null, false), new FakeClock(0)).run(entries.iterator());
    assertEquals("hoard: links.txt:2: not an http or https URL: 'ftp://x/'", err.toString().strip());
    assertEquals(new CheckRun.Totals(1, 0, 1, false, false), outcome);
  }

  @Test
  void watchPrintsAndNotifiesEachChangeOfAFlappingSiteExactlyOnce() throws Exception {
    sites.script("/flap", 200, 500, 500, 200, 200, 503, 200);
    for (int i = 0; i < 4; i++) receiver.enqueue(new MockResponse.Builder().code(204).build());
    FakeClock ticker = new FakeClock(0);
    CheckRun run = run(options(Duration.ofMinutes(5), appendChange(), true), ticker);
    ticker.stopAfter(7, run::stop);

    CheckRun.Totals outcome = run.run(list("/flap", "/ok"));

    assertEquals(List.of(
        "2026-12-02T14:37:05  " + line("up", 200, "/flap", null),
        "2026-12-02T14:37:05  " + line("up", 200, "/ok", null),
        "2026-12-02T14:37:05  2 checked: 2 up, 0 down in 0 ms",
        "2026-12-02T14:42:05  " + line("down", 500, "/flap", "500 Server Error"),
        "2026-12-02T14:52:05  " + line("up", 200, "/flap", null),
        "2026-12-02T15:02:05  " + line("down", 503, "/flap", "503 Server Error"),
        "2026-12-02T15:07:05  " + line("up", 200, "/flap", null)), out.toString().lines().toList());
    assertEquals(7, sites.methods("/flap").size());
    String flap = sites.url("/flap");
    assertEquals(List.of("down 500 " + flap, "up 200 " + flap, "down 503 " + flap, "up 200 " + flap),
        changesLogged());
    List<Object> hooked = new ArrayList<>();
    for (int i = 0; i < 4; i++) hooked.add(JSON.std.mapFrom(receiver.takeRequest().getBody().utf8()).get("state"));
    assertEquals(List.of("down", "up", "down", "up"), hooked);
    assertEquals(4, receiver.getRequestCount());
    assertEquals(new CheckRun.Totals(2, 0, 0, true, true), outcome);
    assertEquals(false, Thread.currentThread().isInterrupted(), "the stop leaked an interrupt to the caller");
    assertEquals("", err.toString());
  }

  @Test
  void watchsFirstRoundNotifiesEverySiteFoundDownAndLaterRoundsStayQuiet() throws Exception {
    FakeClock ticker = new FakeClock(0);
    CheckRun run = run(options(Duration.ofSeconds(30), appendChange(), false), ticker);
    ticker.stopAfter(3, run::stop);
    run.run(list("/missing", "/ok", "/missing"));
    assertEquals(List.of(
        "2026-12-02T14:37:05  " + line("down", 404, "/missing", "404 Client Error"),
        "2026-12-02T14:37:05  " + line("up", 200, "/ok", null),
        "2026-12-02T14:37:05  2 checked: 1 up, 1 down in 0 ms"), out.toString().lines().toList());
    assertEquals(List.of("down 404 " + sites.url("/missing")), changesLogged());
    assertEquals(3, sites.methods("/missing").size(), "a URL listed twice is checked once a round");
  }

  @Test
  void watchRoundsFollowTheInterval() {
    FakeClock ticker = new FakeClock(0);
    CheckRun run = run(options(Duration.ofSeconds(30), null, false), ticker);
    ticker.stopAfter(3, run::stop);
    run.run(list("/ok"));
    long s30 = Duration.ofSeconds(30).toNanos();
    assertEquals(List.of(s30, 2 * s30, 3 * s30), ticker.wakeups());
  }

  @Test
  void watchEndsWhenWhatReadsItsOutputIsGoneAsAPipeToGrepMinusOneLeavesIt() {
    PrintWriter closedPipe = new PrintWriter(new OutputStream() {
      @Override public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    }, true);
    FakeClock ticker = new FakeClock(0);
    CheckRun run = new CheckRun(options(Duration.ofSeconds(30), null, false), closedPipe, new PrintWriter(err, true),
        ticker, ticker.wall(Instant.parse("2026-12-02T14:37:05Z"), ZoneOffset.UTC));
    // only a safety net: a watch that missed the closed pipe runs until this stops it
    ticker.stopAfter(10, run::stop);

    CheckRun.Totals outcome = run.run(list("/ok"));

    assertEquals(1, sites.methods("/ok").size(), "the watch went on after its first lines could not be written");
    assertEquals(new CheckRun.Totals(1, 0, 0, true, true), outcome);
  }

  @Test
  void watchWithNothingToCheckEndsAtOnceAndSaysSo() {
    CheckRun.Totals outcome = run(options(Duration.ofSeconds(30), null, false), new FakeClock(0))
        .run(List.<LinksFile.Entry>of(new LineError("links.txt", 1, "bad")).iterator());
    assertEquals(new CheckRun.Totals(0, 0, 1, true, false), outcome);
    assertTrue(err.toString().contains("hoard: nothing to watch"), err.toString());
  }

  @Test
  void aRunStoppedBeforeItStartsChecksNothing() {
    CheckRun run = run(options(Duration.ofSeconds(30), null, false), new FakeClock(0));
    run.stop();
    CheckRun.Totals outcome = run.run(list("/ok"));
    assertEquals(new CheckRun.Totals(0, 0, 0, true, true), outcome);
    assertEquals(List.of(), sites.methods("/ok"));
  }
}
