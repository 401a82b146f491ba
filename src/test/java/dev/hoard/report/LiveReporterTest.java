package dev.hoard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.report.DownloadResult.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The live lines on a terminal over a byte stream: what JLine writes is read back by {@link Screen}, so each test sees
 * the screen a person would. The results listener writes into the same stream, as standard output and standard error
 * share one terminal. No timer runs: the test calls {@code redraw()} where the timer would.
 */
class LiveReporterTest {
  private static final long S = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintWriter sameScreen = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
  private final AtomicLong now = new AtomicLong();
  private Terminal terminal;
  private LiveReporter live;

  private LiveReporter live(int columns, Listener results, boolean everyResultShown) throws IOException {
    terminal = TerminalBuilder.builder().system(false).provider("exec").streams(InputStream.nullInputStream(), bytes).type("xterm")
        .encoding(StandardCharsets.UTF_8).size(Size.of(columns, 24)).graphemeCluster(false).build();
    live = new LiveReporter(terminal, results, everyResultShown, true, now::get);
    return live;
  }

  private LiveReporter live(int columns) throws IOException {
    return live(columns, new PlainReporter(sameScreen, sameScreen, PlainReporter.Show.SUMMARY), false);
  }

  private List<String> screen(int columns) {
    sameScreen.flush();
    return new Screen(columns).feed(bytes.toString(StandardCharsets.UTF_8)).lines();
  }

  @AfterEach
  void closeTerminal() throws IOException {
    if (terminal != null) terminal.close();
  }

  /** Two downloads a second into the run: one of 8 MiB half done, one resumed. */
  private void twoDownloads(LiveReporter r) {
    r.known(3);
    r.started(1, "ubuntu-24.04.1-desktop-amd64.iso", 8L << 20, 0);
    r.started(2, "notes.txt", 1000, 410);
    r.redraw();
    r.progress(1, 4L << 20);
    r.pieces(1, 4);
    r.progress(2, 90);
    now.set(S);
  }

  private static DownloadResult result(String url, Status status, String error) {
    return new DownloadResult(url, null, status, 0, 5, status == Status.FAILED ? 404 : 200, error, 0, null);
  }

  @Test
  void drawsOneLinePerDownloadThenTheTotal() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();

    assertEquals(List.of(
        "ubuntu-24.…desktop-amd64.iso ███████░░░░░░░░ 50% 4.0/8.0 MiB 4.0 MiB/s 00:01 ×4",
        "notes.txt                    ███████░░░░░░░░ 50%  500/1000 B    90 B/s 00:06",
        "0/3 files  4.0 MiB  4.0 MiB/s"), screen(80));
  }

  @Test
  void printsAProblemAboveTheLiveLinesNeverThroughThem() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();

    r.problem("https://example.org/list.txt: connection refused");

    List<String> lines = screen(80);
    assertEquals("hoard: https://example.org/list.txt: connection refused", lines.get(0));
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("ubuntu-24.…desktop-amd64.iso "), lines.get(1));
    assertTrue(lines.get(3).startsWith("0/3 files"), lines.get(3));
  }

  @Test
  void printsAFailureAboveAndDropsItsLine() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();

    r.finished(2, result("https://example.org/notes.txt", Status.FAILED, "404 Not Found"));

    assertEquals(List.of(
        "hoard: https://example.org/notes.txt: 404 Not Found",
        "ubuntu-24.…desktop-amd64.iso ███████░░░░░░░░ 50% 4.0/8.0 MiB 4.0 MiB/s 00:01 ×4",
        "1/3 files  4.0 MiB  4.0 MiB/s"), screen(80));
  }

  @Test
  void aFileDoneQuietlyLeavesNoTraceOnTheScreen() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();

    r.finished(2, result("https://example.org/notes.txt", Status.OK, null));
    r.redraw();

    assertEquals(List.of(
        "ubuntu-24.…desktop-amd64.iso ███████░░░░░░░░ 50% 4.0/8.0 MiB 4.0 MiB/s 00:01 ×4",
        "1/3 files  4.0 MiB  4.0 MiB/s"), screen(80));
  }

  @Test
  void printsEveryResultAboveWhenTheResultsShareTheScreen() throws IOException {
    LiveReporter r = live(80, new JsonReporter(sameScreen, sameScreen), true);
    twoDownloads(r);
    r.redraw();

    r.finished(2, result("https://example.org/notes.txt", Status.OK, null));

    // the record is wider than the terminal, so it takes two rows, as it would on a real one
    assertEquals(List.of(
        "{\"url\":\"https://example.org/notes.txt\",\"path\":null,\"status\":\"ok\",\"bytes\":0,\"ms\":",
        "5,\"http\":200}",
        "ubuntu-24.…desktop-amd64.iso ███████░░░░░░░░ 50% 4.0/8.0 MiB 4.0 MiB/s 00:01 ×4",
        "1/3 files  4.0 MiB  4.0 MiB/s"), screen(80));
  }

  @Test
  void announcesARetryAbove() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();

    r.retrying(1, "https://example.org/a.iso: 503 Service Unavailable", 2, 6, Duration.ofSeconds(12));

    assertEquals(List.of(
        "hoard: https://example.org/a.iso: 503 Service Unavailable; attempt 2 of 6 in 12 s",
        "ubuntu-24.…desktop-amd64.iso ███████░░░░░░░░ 50% 4.0/8.0 MiB 4.0 MiB/s 00:01 ×4",
        "notes.txt                    ███████░░░░░░░░ 50%  500/1000 B    90 B/s 00:06",
        "0/3 files  4.0 MiB  4.0 MiB/s"), screen(90));
  }

  @Test
  void printsARequestLineOfVerboseAbove() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();

    r.exchanged(new Exchange("GET", "https://example.org/a.iso", "bytes=0-1023", 206, "Partial Content", 12, null));

    assertEquals(List.of(
        "hoard: GET https://example.org/a.iso Range: bytes=0-1023 -> 206 Partial Content (12 ms)",
        "ubuntu-24.…desktop-amd64.iso ███████░░░░░░░░ 50% 4.0/8.0 MiB 4.0 MiB/s 00:01 ×4",
        "notes.txt                    ███████░░░░░░░░ 50%  500/1000 B    90 B/s 00:06",
        "0/3 files  4.0 MiB  4.0 MiB/s"), screen(90));
  }

  /** The lines {@link #twoDownloads} should show on a terminal {@code columns} wide. */
  private static List<String> twoDownloadsAt(int columns) {
    LiveView alone = new LiveView(true);
    alone.known(3);
    alone.started(1, "ubuntu-24.04.1-desktop-amd64.iso", 8L << 20, 0);
    alone.started(2, "notes.txt", 1000, 410);
    alone.render(columns - 1, 0);
    alone.progress(1, 4L << 20);
    alone.pieces(1, 4);
    alone.progress(2, 90);
    return alone.render(columns - 1, 24, S);
  }

  private void resize(int columns) {
    terminal.setSize(Size.of(columns, 24));
    terminal.raise(Terminal.Signal.WINCH);
  }

  @ParameterizedTest(name = "{0} to {1} columns")
  @CsvSource({"80, 60", "80, 40", "60, 80"})
  void fitsTheNewWidthAfterAResize(int before, int after) throws IOException {
    LiveReporter r = live(before);
    twoDownloads(r);
    r.redraw();

    resize(after);
    r.redraw();

    List<String> expected = twoDownloadsAt(after);
    assertEquals(expected, screen(Math.max(before, after)));
    for (String line : expected) assertTrue(LiveView.cols(line) < after, line);
  }

  @Test
  void leavesNoBrokenLinesOnATerminalThatRewrapsThemWhenItNarrows() throws IOException {
    LiveReporter r = live(80);
    r.problem("https://example.org/a.iso: connection reset; attempt 2 of 6 in 1.0 s");
    twoDownloads(r);
    r.redraw();
    String shown = bytes.toString(StandardCharsets.UTF_8);
    Screen screen = new Screen(80).feed(shown);

    // the window narrows: the terminal rewraps what is on it, then tells hoard
    screen.reflow(40);
    resize(40);
    r.redraw();
    screen.feed(bytes.toString(StandardCharsets.UTF_8).substring(shown.length()));

    List<String> expected = new ArrayList<>(List.of(
        "hoard: https://example.org/a.iso: connec",
        "tion reset; attempt 2 of 6 in 1.0 s"));
    expected.addAll(twoDownloadsAt(40));
    assertEquals(expected, screen.lines());
  }

  @Test
  void aMessageRightAfterTheWindowNarrowedLeavesNoBrokenLines() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();
    String shown = bytes.toString(StandardCharsets.UTF_8);
    Screen screen = new Screen(80).feed(shown);

    // the window narrows and a retry is announced before the next tick redraws
    screen.reflow(40);
    resize(40);
    r.problem("https://example.org/a.iso: connection reset");
    screen.feed(bytes.toString(StandardCharsets.UTF_8).substring(shown.length()));

    List<String> expected = new ArrayList<>(List.of(
        "hoard: https://example.org/a.iso: connec",
        "tion reset"));
    expected.addAll(twoDownloadsAt(40));
    assertEquals(expected, screen.lines());
  }

  @Test
  void theSummaryRightAfterTheWindowNarrowedLeavesNoBrokenLines() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();
    String shown = bytes.toString(StandardCharsets.UTF_8);
    Screen screen = new Screen(80).feed(shown);

    screen.reflow(40);
    resize(40);
    r.summary(new Summary(1, 0, 1, 4L << 20, 2500));
    screen.feed(bytes.toString(StandardCharsets.UTF_8).substring(shown.length()));

    assertEquals(List.of("1 ok, 0 skipped, 1 failed; 4.0 MiB downl", "oaded in 2.5 s"), screen.lines());
  }

  @Test
  void theEndReplacesTheLiveLinesWithTheSummaryOnce() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();

    r.summary(new Summary(1, 0, 1, 4L << 20, 2500));
    // a tick already waiting for the screen when the run ended, then the end of the run
    r.redraw();
    r.close();

    assertEquals(List.of("1 ok, 0 skipped, 1 failed; 4.0 MiB downloaded in 2.5 s"), screen(80));
  }

  @Test
  void closingWithoutASummaryStillRemovesTheLiveLines() throws IOException {
    LiveReporter r = live(80);
    twoDownloads(r);
    r.redraw();

    r.close();

    assertEquals(List.of(), screen(80));
  }

  @Test
  void countsEveryByteFromManyThreads() throws Exception {
    LiveReporter r = live(80);
    r.started(1, "big.bin", 64_000, 0);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 8_000; i++) r.progress(1, 1);
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) t.join();
    r.redraw();

    List<String> lines = screen(80);
    assertTrue(lines.get(0).contains("100% 62.5/62.5 KiB"), lines.get(0));
    assertEquals("0/1 files  62.5 KiB  --", lines.get(1));
  }

  @Test
  void neverDrawsBeforeTheFirstTick() throws IOException {
    LiveReporter r = live(80);
    r.problem("bad line 3");
    assertEquals(List.of("hoard: bad line 3"), screen(80));
    assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("files"));
  }
}
