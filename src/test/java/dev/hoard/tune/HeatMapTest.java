package dev.hoard.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeatMapTest {
  private static final double MIB = (1 << 20) / 1e6;

  private static Tuner.Pair pair(int j, int x, double mib) {
    return new Tuner.Pair(j, x, mib * MIB, Double.NaN, Double.NaN, 1, 0);
  }

  @ParameterizedTest(name = "{0} in [{1}, {2}] -> colour {3}")
  @CsvSource({"10, 10, 90, 196", "90, 10, 90, 46", "50, 10, 90, 226", "42, 42, 42, 46", "5, 10, 90, 196"})
  void shadesFromRedForTheSlowestToGreenForTheFastest(double value, double min, double max, int colour) {
    assertEquals(colour, HeatMap.shade(value, min, max));
  }

  @Test
  void laysOutJobsDownAndConnectionsAcrossLeavingTheSerialBaselineOut() {
    List<Tuner.Pair> pairs = List.of(pair(1, 1, 5), pair(2, 4, 10), pair(2, 8, 50),
        new Tuner.Pair(4, 4, Double.NaN, Double.NaN, Double.NaN, 1, 3), pair(4, 8, 90));

    List<String> lines = HeatMap.lines(pairs, List.of(2, 4), List.of(4, 8));

    String cell = " \u001b[38;5;16;48;5;%dm %6.1f \u001b[0m";
    assertEquals(List.of(
        "MiB/s      -x 4     -x 8",
        "-j 2  " + String.format(Locale.ROOT, cell, 196, 10.0) + String.format(Locale.ROOT, cell, 226, 50.0),
        "-j 4          -" + String.format(Locale.ROOT, cell, 46, 90.0)), lines);
  }
}
