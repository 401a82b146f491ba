package dev.hoard.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TunerTest {
  private static final long SECOND = 1_000_000_000L;

  /** A fake trial: 10 MB that take 1 s divided by jobs × connections, capped at 8 connections' worth. */
  private static Tuner.Measurement scaling(int j, int x) {
    return new Tuner.Measurement(10_000_000, SECOND / Math.min(8, j * x), 1, 0);
  }

  /** A fake trial that plays the given seconds for 10 MB, one run after another, whatever the pair. */
  private static Tuner.Trial playing(double... seconds) {
    Deque<Double> left = new ArrayDeque<>();
    for (double s : seconds) left.add(s);
    return (j, x) -> new Tuner.Measurement(10_000_000, (long) (left.remove() * SECOND), 1, 0);
  }

  private static Tuner.Pair pair(int j, int x, double rate, long failed) {
    return new Tuner.Pair(j, x, rate, Double.NaN, Double.NaN, 1, failed);
  }

  @Test
  void measuresTheSerialPairFirstThenEveryPairInOrder() throws Exception {
    List<String> tried = new ArrayList<>();
    List<String> told = new ArrayList<>();
    Tuner tuner = new Tuner((j, x) -> {
      tried.add(j + "x" + x);
      return scaling(j, x);
    }, 1);

    List<Tuner.Pair> pairs = tuner.sweep(List.of(2, 4), List.of(2, 8), new Tuner.Observer() {
      @Override public void measuring(int j, int x, int index, int total) {
        told.add(j + "x" + x + " " + index + "/" + total);
      }
    });

    assertEquals(List.of("1x1", "2x2", "2x8", "4x2", "4x8"), tried);
    assertEquals(List.of("1x1 1/5", "2x2 2/5", "2x8 3/5", "4x2 4/5", "4x8 5/5"), told);
    assertEquals(5, pairs.size());
  }

  @Test
  void measuresTheSerialPairOnceWhenTheListsHoldIt() throws Exception {
    List<String> tried = new ArrayList<>();
    new Tuner((j, x) -> {
      tried.add(j + "x" + x);
      return scaling(j, x);
    }, 1).sweep(List.of(1, 2, 1), List.of(1, 4), new Tuner.Observer() {});

    assertEquals(List.of("1x1", "1x4", "2x1", "2x4"), tried);
  }

  @Test
  void givesEachPairItsSpeedUpOverTheSerialPair() throws Exception {
    List<Tuner.Pair> pairs = new Tuner(TunerTest::scaling, 1).sweep(List.of(1, 2), List.of(1, 4, 8),
        new Tuner.Observer() {});

    assertEquals(List.of(1.0, 4.0, 8.0, 2.0, 8.0, 8.0), pairs.stream().map(Tuner.Pair::speedup).toList());
    assertEquals(10.0, pairs.get(0).mbPerSecond(), 1e-9);
    assertEquals(10e6 / (1 << 20), pairs.get(0).mibPerSecond(), 1e-9);
  }

  @Test
  void takesTheMedianOfSeveralRunsThatAgree() throws Exception {
    // 10 MB in 1.00, 1.05, 1.02 s: within 15% of one another, so no more runs
    Tuner.Pair p = new Tuner(playing(1.00, 1.05, 1.02), 3).sweep(List.of(1), List.of(1), new Tuner.Observer() {})
        .get(0);

    assertEquals(10 / 1.02, p.mbPerSecond(), 1e-9);
    assertEquals(3, p.runs());
  }

  @Test
  void runsAgainAPairWhoseRunsDisagreeUntilTheyAgree() throws Exception {
    List<String> repeats = new ArrayList<>();
    // 10 and 5 MB/s disagree (67% of their median); a third run at 10 outvotes the slow one
    Tuner tuner = new Tuner(playing(1.0, 2.0, 1.0), 2);

    Tuner.Pair p = tuner.sweep(List.of(1), List.of(1), new Tuner.Observer() {
      @Override public void repeating(int j, int x, double disagreement, int run, int cap) {
        repeats.add(String.format("%dx%d %.2f run %d of %d", j, x, disagreement, run, cap));
      }
    }).get(0);

    assertEquals(List.of("1x1 0.67 run 3 of 5"), repeats);
    assertEquals(3, p.runs());
    assertEquals(10.0, p.mbPerSecond(), 1e-9);
    assertEquals(0.0, p.noise(), 1e-9);
  }

  @Test
  void stopsRepeatingAtTheCapAndSaysHowNoisyThePairWas() throws Exception {
    // every run twice as long as the one before: they never agree
    Tuner.Pair p = new Tuner(playing(1, 2, 4, 8, 16, 32), 2).sweep(List.of(1), List.of(1), new Tuner.Observer() {})
        .get(0);

    assertEquals(2 + Tuner.EXTRA_RUNS, p.runs());
    assertTrue(p.noise() > Tuner.DISAGREEMENT / 2, "noise " + p.noise());
  }

  @Test
  void oneRunPerPairCannotTellNoiseAndIsNotRepeated() throws Exception {
    Tuner.Pair p = new Tuner(playing(1.0), 1).sweep(List.of(1), List.of(1), new Tuner.Observer() {}).get(0);

    assertEquals(1, p.runs());
    assertTrue(Double.isNaN(p.noise()));
  }

  @Test
  void aPairWhoseEveryRunFailedHasNoSpeedAndNoSpeedUp() throws Exception {
    Tuner tuner = new Tuner((j, x) -> j == 2 ? new Tuner.Measurement(0, SECOND, 0, 3) : scaling(j, x), 2);

    List<Tuner.Pair> pairs = tuner.sweep(List.of(2), List.of(1), new Tuner.Observer() {});

    Tuner.Pair failed = pairs.get(1);
    assertTrue(!failed.measured() && Double.isNaN(failed.speedup()), failed.toString());
    assertEquals(2, failed.runs());
    assertEquals(6, failed.failed());
  }

  @Test
  void withASerialPairThatFailedNoSpeedUpIsKnown() throws Exception {
    Tuner tuner = new Tuner((j, x) -> j == 1 ? new Tuner.Measurement(0, SECOND, 0, 1) : scaling(j, x), 1);

    List<Tuner.Pair> pairs = tuner.sweep(List.of(2), List.of(2), new Tuner.Observer() {});

    assertTrue(Double.isNaN(pairs.get(1).speedup()));
    assertEquals(40.0, pairs.get(1).mbPerSecond(), 1e-9);
  }

  @Test
  void theBestIsTheFastestPairWithoutFailures() {
    assertEquals(Optional.of(pair(2, 8, 80, 0)),
        Tuner.best(List.of(pair(1, 1, 10, 0), pair(2, 8, 80, 0), pair(4, 4, 60, 0))));
    assertEquals(Optional.of(pair(1, 1, 50, 0)), Tuner.best(List.of(pair(8, 16, 500, 2), pair(1, 1, 50, 0))),
        "a pair without failures beats a faster one with");
    assertEquals(Optional.of(pair(8, 16, 500, 2)), Tuner.best(List.of(pair(8, 16, 500, 2), pair(1, 1, 50, 1))),
        "when all failed something, the fastest");
  }

  @Test
  void noPairIsBestWhenEveryRunFailed() {
    assertEquals(Optional.empty(), Tuner.best(List.of(pair(1, 1, Double.NaN, 3), pair(2, 2, Double.NaN, 3))));
    assertEquals(Optional.empty(), Tuner.best(List.of()));
  }

  @ParameterizedTest(name = "{0} -> ±{1}")
  @CsvSource({
      "'10',           NaN",
      "'10 10',        0",
      "'10 12',        0.0909",
      "'10 10.2 14',   0.0196",
      "'0 0',          NaN",
  })
  void noiseIsTheMedianDeviationOverTheMedian(String rates, double noise) {
    double[] r = Arrays.stream(rates.split(" ")).mapToDouble(Double::parseDouble).toArray();
    assertEquals(noise, Tuner.noise(r), 1e-4);
  }
}
