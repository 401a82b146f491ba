package dev.hoard.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TuneTableTest {
  // 10.48576 MB/s is 10.0 MiB/s
  private static final double MIB = (1 << 20) / 1e6;

  private static Tuner.Pair pair(int j, int x, double mib, double speedup, double noise, int runs, long failed) {
    return new Tuner.Pair(j, x, mib * MIB, speedup, noise, runs, failed);
  }

  @Test
  void showsMiBPerSecondSpeedUpRunsAndNoiseAndMarksTheBest() {
    List<Tuner.Pair> pairs = List.of(
        pair(1, 1, 10, 1.0, 0.02, 2, 0),
        pair(1, 4, 38, 3.8, 0.04, 3, 0),
        pair(4, 4, 77, 7.7, 0.01, 2, 0));

    assertEquals(List.of(
        " jobs  connections    MiB/s  speed-up  runs  noise",
        "    1            1     10.0      1.0x     2    ±2%",
        "    1            4     38.0      3.8x     3    ±4%",
        "    4            4     77.0      7.7x     2    ±1%  <- best",
        "best: -j 4 -x 4 (77.0 MiB/s, 7.7x the serial pair)"), TuneTable.lines(pairs, List.of(1, 4), List.of(1, 4), 2));
  }

  @Test
  void namesTheSerialPairTheBaselineWhenTheListsLeftItOutAndSaysWhatFailed() {
    List<Tuner.Pair> pairs = List.of(
        pair(1, 1, 10, 1.0, Double.NaN, 1, 0),
        pair(4, 4, 70, 7.0, Double.NaN, 1, 2),
        pair(8, 4, Double.NaN, Double.NaN, Double.NaN, 1, 5));

    List<String> lines = TuneTable.lines(pairs, List.of(4, 8), List.of(4), 1);

    assertEquals("    1            1     10.0      1.0x     1      -  <- best  (the baseline)", lines.get(1));
    assertEquals("    4            4     70.0      7.0x     1      -  (2 failed)", lines.get(2));
    assertEquals("    8            4        -         -     1      -  (every run failed)", lines.get(3));
    assertEquals("best: -j 1 -x 1 (10.0 MiB/s, 1.0x the serial pair)", lines.get(4));
    assertTrue(lines.get(5).startsWith("noise: one run per pair; with --runs 2"), lines.get(5));
  }

  @Test
  void namesNoBestWhenEveryRunFailed() {
    List<String> lines = TuneTable.lines(List.of(pair(1, 1, Double.NaN, Double.NaN, Double.NaN, 2, 4)), List.of(1),
        List.of(1), 2);

    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.contains("best")), lines.toString());
  }
}
