package dev.hoard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Renders at fixed widths and a clock passed in: every expected screen is written out whole. */
class LiveViewTest {
  private static final long S = 1_000_000_000L;

  /**
   * Ten files known, one done; in flight a chunked ISO half done, a text file, a stream of unknown length, and a
   * download resumed from 41 %; two seconds after the first frame.
   */
  private static List<String> fourInFlight(int width) {
    LiveView v = new LiveView(true);
    v.known(10);
    v.started(1, "ubuntu-24.04.1-desktop-amd64.iso", 6_000_000_000L, 0);
    v.started(2, "docs/readme.txt", 41_000, 0);
    v.started(3, "stream.bin", -1, 0);
    v.started(4, "resumed.tar.gz", 1_000_000, 410_000);
    v.finished(9);
    v.render(width, 0);
    v.progress(1, 3_000_000_000L);
    v.pieces(1, 4);
    v.progress(2, 20_000);
    v.progress(3, 5_000_000);
    v.progress(4, 100_000);
    return v.render(width, 2 * S);
  }

  @Test
  void showsEveryFieldAt80Columns() {
    assertEquals(List.of(
        "ubuntu-24.…desktop-amd64.iso █████░░░░░░ 50%     2.8/5.6 GiB  1.4 GiB/s 00:02 ×4",
        "docs/readme.txt              █████░░░░░░ 48%   19.5/40.0 KiB  9.8 KiB/s 00:03",
        "stream.bin                                           4.8 MiB  2.4 MiB/s --:--",
        "resumed.tar.gz               █████░░░░░░ 51% 498.0/976.6 KiB 48.8 KiB/s 00:10",
        "1/10 files  2.8 GiB  1.4 GiB/s"), fourInFlight(80));
  }

  @Test
  void dropsTheBarFirstAt60Columns() {
    assertEquals(List.of(
        "ubuntu-…op-amd64.iso 50%     2.8/5.6 GiB  1.4 GiB/s 00:02 ×4",
        "docs/readme.txt      48%   19.5/40.0 KiB  9.8 KiB/s 00:03",
        "stream.bin                       4.8 MiB  2.4 MiB/s --:--",
        "resumed.tar.gz       51% 498.0/976.6 KiB 48.8 KiB/s 00:10",
        "1/10 files  2.8 GiB  1.4 GiB/s"), fourInFlight(60));
  }

  @Test
  void keepsPercentAndSpeedAt40Columns() {
    assertEquals(List.of(
        "ubuntu-24…sktop-amd64.iso 50%  1.4 GiB/s",
        "docs/readme.txt           48%  9.8 KiB/s",
        "stream.bin                     2.4 MiB/s",
        "resumed.tar.gz            51% 48.8 KiB/s",
        "1/10 files  2.8 GiB  1.4 GiB/s"), fourInFlight(40));
  }

  @Test
  void noLineIsEverWiderThanTheWidth() {
    for (int width = 0; width <= 130; width++) {
      for (String line : fourInFlight(width)) {
        assertTrue(LiveView.cols(line) <= width, width + " columns: " + line);
      }
    }
  }

  @Test
  void aFileOfUnknownLengthShowsBytesAndSpeedButNoPercent() {
    LiveView v = new LiveView(true);
    v.started(1, "feed.xml", -1, 0);
    v.render(80, 0);
    v.progress(1, 3 * 1024);
    assertEquals(List.of(
        "feed.xml 3.0 KiB 1.5 KiB/s --:--",
        "0/1 files  3.0 KiB  1.5 KiB/s"), v.render(80, 2 * S));
  }

  @Test
  void aResumedDownloadStartsAtItsShareAndEndsAtFull() {
    LiveView v = new LiveView(true);
    v.started(1, "movie.mkv", 1000, 410);
    assertEquals(List.of(
        "movie.mkv ████████████░░░░░░░░░░░░░░░░░░ 41% 410/1000 B -- --:--",
        "0/1 files  0 B  --"), v.render(80, 0));
    v.progress(1, 590);
    // only the 590 bytes fetched now count as downloaded in this run
    assertEquals(List.of(
        "movie.mkv ██████████████████████████████ 100% 1000/1000 B 295 B/s 00:00",
        "0/1 files  590 B  295 B/s"), v.render(80, 2 * S));
  }

  @Test
  void aStalledDownloadHasNoSpeedAndNoEta() {
    LiveView v = new LiveView(false);
    v.started(1, "slow.bin", 4096, 0);
    v.render(60, 0);
    v.progress(1, 1024);
    assertEquals("slow.bin #######----------------------- 25% 1.0/4.0 KiB 512 B/s 00:06",
        v.render(80, 2 * S).get(0));
    // three seconds with no byte is a stall, not a slowly fading average
    assertEquals("slow.bin #######----------------------- 25% 1.0/4.0 KiB -- --:--",
        v.render(80, 5 * S).get(0));
  }

  @Test
  void hasNoSpeedUntilASecondHasPassed() {
    LiveView v = new LiveView(true);
    v.started(1, "a.bin", 100_000, 0);
    v.render(80, 0);
    v.progress(1, 50_000);
    assertTrue(v.render(80, S / 2).get(0).endsWith(" -- --:--"));
  }

  @Test
  void averagesTheSpeedOverTheLastFewSeconds() {
    LiveView v = new LiveView(true);
    v.started(1, "a.bin", -1, 0);
    // 1 MiB a second for ten seconds, then 3 MiB a second: the window forgets the slow start
    for (int t = 0; t <= 10; t++) {
      v.render(80, t * S);
      v.progress(1, 1 << 20);
    }
    for (int t = 11; t <= 20; t++) {
      v.render(80, t * S);
      v.progress(1, 3 << 20);
    }
    assertEquals("a.bin 41.0 MiB 3.0 MiB/s --:--", v.render(80, 21 * S).get(0));
  }

  @Test
  void neverShowsMoreDoneThanTheTotal() {
    LiveView v = new LiveView(true);
    v.started(1, "liar.bin", 1000, 0);
    v.render(80, 0);
    // a server that sends more than it announced
    v.progress(1, 1500);
    assertTrue(v.render(80, 2 * S).get(0).startsWith("liar.bin ██████████████████████████████ 100% 1000/1000 B"));
  }

  @Test
  void neverCountsMoreFilesDoneThanKnown() {
    LiveView v = new LiveView(true);
    v.known(2);
    v.started(1, "a", 10, 0);
    v.finished(1);
    // finished without a start (a failure before the probe), twice over what was announced
    v.finished(7);
    v.finished(8);
    v.finished();
    assertEquals(List.of("4/4 files  0 B  --"), v.render(80, 0));
  }

  @Test
  void aRestartReplacesTheLineInsteadOfAddingOne() {
    LiveView v = new LiveView(true);
    v.started(1, "a.iso", 2000, 0);
    v.progress(1, 500);
    v.started(1, "a.iso", 2000, 0);
    assertEquals(List.of(
        "a.iso ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 0% 0 B/2.0 KiB -- --:--",
        "0/1 files  500 B  --"), v.render(80, 0));
  }

  @Test
  void showsAsManyDownloadsAsFitThenHowManyMore() {
    LiveView v = new LiveView(true);
    for (int i = 1; i <= 6; i++) v.started(i, "file" + i + ".bin", -1, 0);
    assertEquals(List.of(
        "file1.bin 0 B -- --:--",
        "file2.bin 0 B -- --:--",
        "+4 more",
        "0/6 files  0 B  --"), v.render(80, 5, 0));
  }

  @Test
  void showsAtMostTenDownloadsHoweverTallTheTerminal() {
    LiveView v = new LiveView(true);
    for (int i = 1; i <= 30; i++) v.started(i, "f" + i, -1, 0);
    List<String> lines = v.render(80, 100, 0);
    assertEquals(11, lines.size());
    assertEquals("+21 more", lines.get(9));
  }

  @Test
  void showsOnlyTheTotalWithNothingInFlight() {
    assertEquals(List.of("0/0 files  0 B  --"), new LiveView(true).render(80, 0));
  }

  @Test
  void writesOutControlCharactersOfNames() {
    LiveView v = new LiveView(true);
    v.started(1, "evil\u001b[2J\u202e.txt", -1, 0);
    assertEquals("evil\\x1b[2J\\u202e.txt 0 B -- --:--", v.render(80, 0).get(0));
  }

  @ParameterizedTest(name = "{0} in {1} columns: {2}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "ubuntu-24.04.1-desktop-amd64.iso|40|ubuntu-24.04.1-desktop-amd64.iso",
      "ubuntu-24.04.1-desktop-amd64.iso|32|ubuntu-24.04.1-desktop-amd64.iso",
      "ubuntu-24.04.1-desktop-amd64.iso|31|ubuntu-24.04…-desktop-amd64.iso",
      "ubuntu-24.04.1-desktop-amd64.iso|16|ubuntu…amd64.iso",
      "ubuntu-24.04.1-desktop-amd64.iso|6|ub…iso",
      "ubuntu-24.04.1-desktop-amd64.iso|1|…",
      "ubuntu-24.04.1-desktop-amd64.iso|0|",
      "日本語のファイル名.pdf|12|日本…名.pdf",
      "日本語のファイル名.pdf|11|日本…名.pdf",
      // decomposed é: an accent stays with its letter, never left at the start of the end to sit on the ellipsis
      "ve\u0301ronique-re\u0301sume\u0301.pdf|13|ve\u0301ro…sume\u0301.pdf",
      "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301|6|e\u0301e\u0301…e\u0301e\u0301e\u0301",
  })
  void cutsLongNamesKeepingTheirEnd(String name, int cols, String shown) {
    String cut = new LiveView(true).cut(name, cols);
    assertEquals(shown == null ? "" : shown, cut);
    assertTrue(LiveView.cols(cut) <= cols);
  }

  @ParameterizedTest(name = "{0} s: {1}")
  @CsvSource({"0, 00:00", "59, 00:59", "61, 01:01", "3599, 59:59", "3600, 1:00:00", "359999, 99:59:59",
      "360000, --:--"})
  void writesAnEtaAsAClock(long seconds, String clock) {
    assertEquals(clock, LiveView.clock(seconds));
  }

  @ParameterizedTest(name = "{0} of {1}: {2}")
  @CsvSource({"500, 1000, 500/1000 B", "2048, 4096, 2.0/4.0 KiB", "512, 1048576, 512 B/1.0 MiB"})
  void writesBytesWithOneUnitWhenTheyShareIt(long done, long total, String shown) {
    assertEquals(shown, LiveView.bytes(done, total));
  }
}
