package dev.hoard.tune;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The sweep as a grid for a colour terminal: outer pool sizes down, inner pool sizes across, each cell's MiB/s on a
 * background shaded from red (slowest) to green (fastest) with ANSI 256-colour codes.
 */
public final class HeatMap {
  private HeatMap() {}

  /** The 256-colour palette's red to yellow to green, slowest first. */
  static final int[] RAMP = {196, 202, 208, 214, 220, 226, 190, 154, 118, 82, 46};
  private static final String RESET = "\u001b[0m";

  /** The grid's lines; the pairs of the lists only, in their order; a pair not measured is {@code -}, unshaded. */
  public static List<String> lines(List<Tuner.Pair> pairs, List<Integer> jobs, List<Integer> connections) {
    List<Integer> rows = List.copyOf(new LinkedHashSet<>(jobs));
    List<Integer> columns = List.copyOf(new LinkedHashSet<>(connections));
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Tuner.Pair p : pairs) {
      if (!p.measured() || !rows.contains(p.jobs()) || !columns.contains(p.connections())) continue;
      min = Math.min(min, p.mibPerSecond());
      max = Math.max(max, p.mibPerSecond());
    }
    List<String> lines = new ArrayList<>();
    StringBuilder head = new StringBuilder("MiB/s ");
    for (int x : columns) head.append(String.format(Locale.ROOT, "%9s", "-x " + x));
    lines.add(head.toString());
    for (int j : rows) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-6s", "-j " + j));
      for (int x : columns) {
        Tuner.Pair p = find(pairs, j, x);
        if (p == null || !p.measured()) {
          line.append(String.format(Locale.ROOT, "%9s", "-"));
        } else {
          line.append(' ').append("\u001b[38;5;16;48;5;").append(shade(p.mibPerSecond(), min, max)).append('m')
              .append(String.format(Locale.ROOT, " %6.1f ", p.mibPerSecond())).append(RESET);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** The colour of {@code value} between {@code min} and {@code max}: the ramp's last when they are equal. */
  static int shade(double value, double min, double max) {
    double t = max > min ? (value - min) / (max - min) : 1;
    return RAMP[(int) Math.round(Math.max(0, Math.min(1, t)) * (RAMP.length - 1))];
  }

  private static Tuner.Pair find(List<Tuner.Pair> pairs, int jobs, int connections) {
    for (Tuner.Pair p : pairs) if (p.jobs() == jobs && p.connections() == connections) return p;
    return null;
  }
}
