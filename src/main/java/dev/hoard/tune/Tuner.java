package dev.hoard.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pool-size sweep of {@code hoard tune}: runs the same downloads for each pair of outer and inner pool sizes,
 * the serial pair (1 job, 1 connection) first since every speed-up is relative to it, and keeps the median throughput
 * of each. A pair whose runs disagree by more than {@value #DISAGREEMENT} of their median is run again, up to a cap,
 * so one slow moment of a network does not decide.
 */
public final class Tuner {
  /** How far apart a pair's runs may be (twice their median deviation, over their median) before it runs again. */
  public static final double DISAGREEMENT = 0.15;
  /** Runs a noisy pair gets beyond the runs asked for. */
  public static final int EXTRA_RUNS = 3;

  /**
   * One measured download of the whole list.
   *
   * @param ok downloads that succeeded
   * @param failed downloads that failed
   */
  public record Measurement(long bytes, long nanos, long ok, long failed) {
    /** Whether it has a throughput: something downloaded, in some time. */
    public boolean usable() {
      return ok > 0 && nanos > 0;
    }

    /** Throughput in 10^6 bytes per second. */
    public double mbPerSecond() {
      return bytes / 1e6 / (nanos / 1e9);
    }
  }

  /** Downloads the list with the given pool sizes into a fresh scratch folder and measures it. */
  @FunctionalInterface
  public interface Trial {
    Measurement run(int jobs, int connections) throws InterruptedException;
  }

  /** What the sweep tells as it goes. */
  public interface Observer {
    /** A pair starts: the {@code index}-th (from 1) of {@code total}. */
    default void measuring(int jobs, int connections, int index, int total) {}

    /** A pair's runs disagree by {@code disagreement} (0.2 is 20%): it runs again, run {@code run} of {@code cap}. */
    default void repeating(int jobs, int connections, double disagreement, int run, int cap) {}

    /** A pair is measured. */
    default void measured(Pair pair) {}
  }

  /**
   * The throughput of one pair.
   *
   * @param mbPerSecond the median of its usable runs, in 10^6 bytes per second; NaN when every run failed
   * @param speedup {@code mbPerSecond} over the serial pair's; NaN when either is unknown
   * @param noise how far its runs stray from their median: the median absolute deviation over the median (0.05 means
   *     ±5%); NaN with fewer than two usable runs
   * @param runs the runs made
   * @param failed downloads that failed, over all its runs
   */
  public record Pair(int jobs, int connections, double mbPerSecond, double speedup, double noise, int runs,
      long failed) {
    /** Whether some run of it downloaded something: only then has it a throughput. */
    public boolean measured() {
      return !Double.isNaN(mbPerSecond);
    }

    /** Throughput in MiB (2^20 bytes) per second, as {@code hoard get} shows speeds. */
    public double mibPerSecond() {
      return mbPerSecond * 1e6 / (1 << 20);
    }
  }

  /** A pair of pool sizes still to measure. */
  record Sizes(int jobs, int connections) {}

  private final Trial trial;
  private final int runs;

  /** @param runs runs per pair at least; a noisy pair gets up to {@value #EXTRA_RUNS} more */
  public Tuner(Trial trial, int runs) {
    if (runs < 1) throw new IllegalArgumentException("runs must be >= 1: " + runs);
    this.trial = Objects.requireNonNull(trial);
    this.runs = runs;
  }

  /** Measures the serial pair, then every pair of the lists in order, and tells {@code observer} as it goes. */
  public List<Pair> sweep(List<Integer> jobs, List<Integer> connections, Observer observer)
      throws InterruptedException {
    List<Sizes> order = order(jobs, connections);
    List<Pair> out = new ArrayList<>();
    double serial = Double.NaN;
    for (int i = 0; i < order.size(); i++) {
      Sizes s = order.get(i);
      observer.measuring(s.jobs(), s.connections(), i + 1, order.size());
      Runs r = measure(s, observer);
      if (i == 0) serial = r.median();
      Pair p = new Pair(s.jobs(), s.connections(), r.median(), speedup(r.median(), serial), r.noise(), r.made(),
          r.failed());
      out.add(p);
      observer.measured(p);
    }
    return out;
  }

  /** The runs of one pair: the median and noise of the usable ones, how many were made, downloads failed. */
  private record Runs(double median, double noise, int made, long failed) {}

  private Runs measure(Sizes s, Observer observer) throws InterruptedException {
    int cap = runs + EXTRA_RUNS;
    List<Double> rates = new ArrayList<>();
    long failed = 0;
    for (int made = 1; ; made++) {
      Measurement m = trial.run(s.jobs(), s.connections());
      failed += m.failed();
      if (m.usable()) rates.add(m.mbPerSecond());
      if (made < runs) continue;
      double[] r = rates.stream().mapToDouble(Double::doubleValue).toArray();
      double disagreement = 2 * noise(r);
      // NaN (fewer than two usable runs) never disagrees
      if (made >= cap || !(disagreement > DISAGREEMENT)) {
        return new Runs(r.length == 0 ? Double.NaN : median(r), noise(r), made, failed);
      }
      observer.repeating(s.jobs(), s.connections(), disagreement, made + 1, cap);
    }
  }

  /** The serial pair first, then each pair of the lists in order (repeats dropped). */
  static List<Sizes> order(List<Integer> jobs, List<Integer> connections) {
    Set<Sizes> order = new LinkedHashSet<>();
    order.add(new Sizes(1, 1));
    for (int j : jobs) for (int x : connections) order.add(new Sizes(j, x));
    return List.copyOf(order);
  }

  /**
   * The pair to use: the fastest of those with no failed download, or the fastest of all when each failed something;
   * none when no pair has a throughput.
   */
  public static Optional<Pair> best(List<Pair> pairs) {
    Pair best = null;
    for (Pair p : pairs) {
      if (!p.measured()) continue;
      boolean better = best == null
          || (p.failed() == 0 && best.failed() > 0)
          || ((p.failed() == 0) == (best.failed() == 0) && p.mbPerSecond() > best.mbPerSecond());
      if (better) best = p;
    }
    return Optional.ofNullable(best);
  }

  /** {@code rate} over {@code serial}; NaN when either is unknown or the serial one is 0. */
  static double speedup(double rate, double serial) {
    return serial > 0 ? rate / serial : Double.NaN;
  }

  /** The median absolute deviation of {@code rates} over their median; NaN for fewer than two. */
  static double noise(double[] rates) {
    if (rates.length < 2) return Double.NaN;
    double median = median(rates);
    if (median <= 0) return Double.NaN;
    double[] deviations = new double[rates.length];
    for (int i = 0; i < rates.length; i++) deviations[i] = Math.abs(rates[i] - median);
    return median(deviations) / median;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
