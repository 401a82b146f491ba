package dev.hoard.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunerTest {
  @Test
  void measuresEveryPairInOrderAndPicksTheFastest() throws Exception {
    List<String> tried = new ArrayList<>();
    // a fake trial: 10 MB that takes 1 s divided by jobs*connections, capped at 8 connections' worth
    Tuner tuner = new Tuner((j, x) -> {
      tried.add(j + "x" + x);
      return new Tuner.Measurement(10_000_000, 1_000_000_000L / Math.min(8, j * x), 0);
    }, 1);
    List<Tuner.Pair> pairs = tuner.sweep(List.of(1, 2), List.of(1, 4, 8), p -> {});
    assertEquals(List.of("1x1", "1x4", "1x8", "2x1", "2x4", "2x8"), tried);
    assertEquals(10.0, pairs.get(0).mbPerSecond(), 1e-9);
    Tuner.Pair best = Tuner.best(pairs);
    assertEquals(80.0, best.mbPerSecond(), 1e-9);
    assertEquals(1, best.jobs());
    assertEquals(8, best.connections());
  }

  @Test
  void takesTheMedianOfSeveralRuns() throws Exception {
    long[] nanos = {1_000_000_000L, 4_000_000_000L, 2_000_000_000L};
    int[] call = {0};
    Tuner tuner = new Tuner((j, x) -> new Tuner.Measurement(8_000_000, nanos[call[0]++], 0), 3);
    Tuner.Pair p = tuner.sweep(List.of(1), List.of(1), q -> {}).get(0);
    assertEquals(4.0, p.mbPerSecond(), 1e-9);
    assertEquals(3, p.runs());
  }

  @Test
  void prefersAPairWithoutFailuresOverAFasterOneWithFailures() {
    Tuner.Pair fastButFailing = new Tuner.Pair(8, 16, 500, 1, 2);
    Tuner.Pair slowButWhole = new Tuner.Pair(1, 1, 50, 1, 0);
    assertEquals(slowButWhole, Tuner.best(List.of(fastButFailing, slowButWhole)));
    assertNull(Tuner.best(List.of()));
  }
}
