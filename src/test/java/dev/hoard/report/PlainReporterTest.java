package dev.hoard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainReporterTest {
  @ParameterizedTest(name = "{0} ms: {1}")
  @CsvSource({
      "0,       attempt 2 of 6 in 0.0 s",
      "1500,    attempt 2 of 6 in 1.5 s",
      "9949,    attempt 2 of 6 in 9.9 s",
      "12000,   attempt 2 of 6 in 12 s",
      "3600000, attempt 2 of 6 in 3600 s",
  })
  void announcesARetryWithTheWaitBeforeIt(long millis, String tail) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    new PlainReporter(new PrintWriter(out), new PrintWriter(err), PlainReporter.Show.LINES)
        .retrying(7, "https://example.org/a.iso: 503 Service Unavailable", 2, 6, Duration.ofMillis(millis));
    assertEquals("hoard: https://example.org/a.iso: 503 Service Unavailable; " + tail + System.lineSeparator(),
        err.toString());
    assertEquals("", out.toString());
  }

  @ParameterizedTest(name = "{9}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      3 | 0 | 0 | 769654784 | 5100 | 0         | 0 | 0 | false | 3 ok, 0 skipped, 0 failed; 734.0 MiB downloaded in 5.1 s                               | null
      0 | 2 | 0 | 0         | 100  | 262144000 | 0 | 0 | false | 0 ok, 2 skipped (250.0 MiB already there), 0 failed; 0 B downloaded in 0.1 s          | null
      3 | 1 | 1 | 2048      | 5100 | 1048576   | 2 | 0 | false | 3 ok, 1 skipped (1.0 MiB already there), 1 failed, 2 bad lines; 2.0 KiB downloaded in 5.1 s | null
      1 | 0 | 0 | 10        | 0    | 0         | 1 | 0 | false | 1 ok, 0 skipped, 0 failed, 1 bad line; 10 B downloaded in 0.0 s                       | null
      1 | 0 | 3 | 10        | 2000 | 0         | 0 | 3 | true  | 1 ok, 0 skipped, 3 failed; 10 B downloaded in 2.0 s                                    | interrupted: 3 downloads cut short; run the same command to resume them
      0 | 0 | 1 | 0         | 2000 | 0         | 0 | 1 | true  | 0 ok, 0 skipped, 1 failed; 0 B downloaded in 2.0 s                                     | interrupted: 1 download cut short; run the same command to resume it
      4 | 0 | 0 | 0         | 2000 | 0         | 0 | 0 | true  | 4 ok, 0 skipped, 0 failed; 0 B downloaded in 2.0 s                                     | interrupted: run the same command to go on
      """)
  void theSummaryKeepsWhatWasThereApartAndSaysHowToGoOnAfterAnInterrupt(long ok, long skipped, long failed,
      long bytes, long ms, long already, long bad, long interrupted, boolean stopped, String first, String second) {
    List<String> expected = second == null ? List.of(first) : List.of(first, second);
    assertEquals(expected,
        PlainReporter.lines(new Summary(ok, skipped, failed, bytes, ms, already, bad, interrupted, stopped, null)));
  }

  @Test
  void aRunStoppedByALocalFailureSaysWhatStoppedItAndHowToGoOn() {
    assertEquals(List.of("49 ok, 0 skipped, 2 failed; 1.9 MiB downloaded in 0.2 s",
            "stopped: cannot write d/s0049.bin.part: disk full; downloads not started yet were left out: once that is "
                + "fixed, run the same command to go on"),
        PlainReporter.lines(new Summary(49, 0, 2, 1992294, 200, 0, 0, 0, false,
            "cannot write d/s0049.bin.part: disk full")));
  }

  @Test
  void aProblemOrARetryQuotingAServerShowsItsControlCharactersWrittenOut() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PlainReporter reporter = new PlainReporter(new PrintWriter(out), new PrintWriter(err), PlainReporter.Show.LINES);
    reporter.problem("http://a.example/f.iso: mirror http://b.example/f.iso dropped: 404 \u001b[31mGone");
    reporter.retrying(7, "http://a.example/f.iso: 503 Busy\u009b2J\u0007", 2, 6, Duration.ofSeconds(1));
    assertEquals(List.of(
        "hoard: http://a.example/f.iso: mirror http://b.example/f.iso dropped: 404 \\x1b[31mGone",
        "hoard: http://a.example/f.iso: 503 Busy\\x9b2J\\x07; attempt 2 of 6 in 1.0 s"), err.toString().lines().toList());
    assertEquals("", out.toString());
  }

  @Test
  void aBadLineIsAMessageNamingTheFileAndLine() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    new PlainReporter(new PrintWriter(out), new PrintWriter(err), PlainReporter.Show.LINES)
        .badLine("links.txt", 7, "unknown key 'name' (known: out, sha256)");
    assertEquals("hoard: links.txt:7: unknown key 'name' (known: out, sha256)" + System.lineSeparator(), err.toString());
    assertEquals("", out.toString());
  }
}
