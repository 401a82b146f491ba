package dev.hoard.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The pool-size sweep of {@code hoard tune}: runs the same downloads once (or more) for each pair of outer and inner
 * pool sizes and keeps the throughput of each; the best pair is the fastest.
 */
public final class Tuner {
  /** One measured download of the whole list. */
  public record Measurement(long bytes, long nanos, long failed) {}

  /** Downloads the list with the given pool sizes into a fresh scratch folder and measures it. */
  @FunctionalInterface
  public interface Trial {
    Measurement run(int jobs, int connections) throws InterruptedException;
  }

  /** The throughput of one pair: the median over its runs, in 10^6 bytes per second. */
  public record Pair(int jobs, int connections, double mbPerSecond, int runs, long failed) {}

  private final Trial trial;
  private final int runs;

  public Tuner(Trial trial, int runs) {
    if (runs < 1) throw new IllegalArgumentException("runs must be >= 1: " + runs);
    this.trial = Objects.requireNonNull(trial);
    this.runs = runs;
  }

  /** Measures every pair, in order, and hands each to {@code each} as soon as it is known. */
  public List<Pair> sweep(List<Integer> jobs, List<Integer> connections, Consumer<Pair> each)
      throws InterruptedException {
    List<Pair> out = new ArrayList<>();
    for (int j : jobs) {
      for (int x : connections) {
        double[] rates = new double[runs];
        long failed = 0;
        for (int r = 0; r < runs; r++) {
          Measurement m = trial.run(j, x);
          rates[r] = rate(m);
          failed += m.failed();
        }
        Arrays.sort(rates);
        Pair p = new Pair(j, x, rates[runs / 2], runs, failed);
        out.add(p);
        each.accept(p);
      }
    }
    return out;
  }

  /** The fastest pair with no failures (or the fastest of all when every pair failed something); null for none. */
  public static Pair best(List<Pair> pairs) {
    Pair best = null;
    for (Pair p : pairs) {
      boolean better = best == null
          || (p.failed() == 0 && best.failed() > 0)
          || ((p.failed() == 0) == (best.failed() == 0) && p.mbPerSecond() > best.mbPerSecond());
      if (better) best = p;
    }
    return best;
  }

  static double rate(Measurement m) {
    if (m.nanos() <= 0) return 0;
    return m.bytes() / 1e6 / (m.nanos() / 1e9);
  }
}
