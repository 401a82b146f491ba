package dev.hoard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  private static final long SECOND = 1_000_000_000L;
  private static final List<Way> WAYS = Way.four(4, 4);

  private static Demo.Timed timed(int way, long nanos) {
    return new Demo.Timed(WAYS.get(way), 32L << 20, nanos, 8, 8, 0);
  }

  @Test
  void showsEachWaysTimeThroughputAndSpeedUpOverSerial() {
    Demo.Outcome o = new Demo.Outcome(List.of(timed(0, 16 * SECOND), timed(1, 4 * SECOND), timed(2, 5 * SECOND),
        timed(3, SECOND)), new Demo.Crawled(12, 4, 12, 4, 0, SECOND / 2), false, null);

    assertEquals(List.of(
        "way          -j  -x     time    MiB/s  speed-up",
        "serial        1   1   16.0 s      2.0      1.0x",
        "outer pool    4   1    4.0 s      8.0      4.0x",
        "inner pool    1   4    5.0 s      6.4      3.2x",
        "both pools    4   4    1.0 s     32.0     16.0x",
        "speed-up: MiB/s over the serial way's; both pools, 4 files at once with 4 connections each, 16 in all, ran"
            + " 16.0x as fast",
        "all 32 downloads verified: each file's sha256 is that of the bytes served",
        "crawl -r: 12 pages and 4 files found in 0.5 s, each byte for byte as served"), o.table());
    assertEquals(true, o.ok());
  }

  @Test
  void saysWhichWayGotFilesWrongAndWhatTheCrawlMissed() {
    Demo.Timed wrong = new Demo.Timed(WAYS.get(1), 32L << 20, 4 * SECOND, 8, 6, 0);
    Demo.Timed failed = new Demo.Timed(WAYS.get(2), 28L << 20, 4 * SECOND, 8, 7, 1);
    Demo.Outcome o = new Demo.Outcome(List.of(timed(0, 16 * SECOND), wrong, failed),
        new Demo.Crawled(11, 4, 12, 4, 1, SECOND), false, null);

    List<String> lines = o.table();
    assertEquals("outer pool    4   1    4.0 s      8.0      4.0x  2 not as served", lines.get(2));
    assertEquals("inner pool    1   4    4.0 s      7.0      3.5x  1 failed", lines.get(3));
    assertEquals("3 of 24 downloads missing or not as served", lines.get(4));
    assertEquals("crawl -r: 11 pages and 4 files found in 1.0 s; the site has 12 pages and 4 files, 1 missing or"
        + " not as served", lines.get(5));
    assertEquals(false, o.ok());
  }

  @Test
  void aSerialWayThatMovedNothingLeavesTheSpeedUpsBlank() {
    Demo.Timed nothing = new Demo.Timed(WAYS.get(0), 0, SECOND, 8, 0, 8);
    List<String> lines = new Demo.Outcome(List.of(nothing, timed(1, SECOND)), null, false, null).table();
    assertEquals("outer pool    4   1    1.0 s     32.0         -", lines.get(2));
  }
}
