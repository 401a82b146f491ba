package dev.hoard.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results of a sweep as text: a row per pair (throughput in MiB/s, speed-up over the serial pair, runs, how far
 * the runs disagreed), the best pair marked and named last.
 */
public final class TuneTable {
  private TuneTable() {}

  static final String HEADER = String.format(Locale.ROOT, "%5s %12s %8s %9s %5s %6s", "jobs", "connections", "MiB/s",
      "speed-up", "runs", "noise");

  /**
   * The lines of the table.
   *
   * @param jobs the outer pool sizes asked for, to tell whether the serial pair was
   * @param connections the inner pool sizes asked for
   * @param runs the runs asked for per pair
   */
  public static List<String> lines(List<Tuner.Pair> pairs, List<Integer> jobs, List<Integer> connections, int runs) {
    Optional<Tuner.Pair> best = Tuner.best(pairs);
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (Tuner.Pair p : pairs) {
      String note = "";
      if (best.isPresent() && best.get() == p) note += "  <- best";
      if (p.jobs() == 1 && p.connections() == 1 && !(jobs.contains(1) && connections.contains(1))) {
        note += "  (the baseline)";
      }
      if (!p.measured()) note += "  (every run failed)";
      else if (p.failed() > 0) note += "  (" + p.failed() + " failed)";
      lines.add(row(p) + note);
    }
    best.ifPresent(b -> lines.add(String.format(Locale.ROOT, "best: -j %d -x %d (%.1f MiB/s, %s the serial pair)",
        b.jobs(), b.connections(), b.mibPerSecond(), speedup(b.speedup()))));
    if (runs == 1) {
      lines.add("noise: one run per pair; with --runs 2 or more the table shows how far a pair's runs disagree, and a"
          + " pair whose runs differ by more than " + Math.round(Tuner.DISAGREEMENT * 100) + "% runs again");
    }
    return lines;
  }

  static String row(Tuner.Pair p) {
    return String.format(Locale.ROOT, "%5d %12d %8s %9s %5d %6s", p.jobs(), p.connections(),
        p.measured() ? String.format(Locale.ROOT, "%.1f", p.mibPerSecond()) : "-", speedup(p.speedup()), p.runs(),
        Double.isNaN(p.noise()) ? "-" : String.format(Locale.ROOT, "±%.0f%%", p.noise() * 100));
  }

  /** {@code 7.7x}, or {@code -} when unknown. */
  static String speedup(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1fx", s);
  }
}
