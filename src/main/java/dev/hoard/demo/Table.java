package dev.hoard.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's results as text: a row per way (time, MiB/s, speed-up over serial), the verdict, the crawl. */
final class Table {
  private Table() {}

  static final String HEADER = String.format(Locale.ROOT, "%-11s %3s %3s %8s %8s %9s", "way", "-j", "-x", "time",
      "MiB/s", "speed-up");

  static List<String> lines(Demo.Outcome o) {
    List<String> lines = new ArrayList<>();
    if (o.ways().isEmpty()) return lines;
    lines.add(HEADER);
    Demo.Timed serial = o.ways().get(0);
    for (Demo.Timed t : o.ways()) lines.add(row(t, serial));
    String reading = reading(o.ways());
    if (reading != null) lines.add(reading);
    int downloads = o.ways().stream().mapToInt(Demo.Timed::files).sum();
    int verified = o.ways().stream().mapToInt(Demo.Timed::verified).sum();
    lines.add(verified == downloads
        ? "all " + downloads + " downloads verified: each file's sha256 is that of the bytes served"
        : (downloads - verified) + " of " + downloads + " downloads missing or not as served");
    Demo.Crawled c = o.crawl();
    if (c != null) {
      String found = String.format(Locale.ROOT, "crawl -r: %d pages and %d files found in %.1f s", c.pages(), c.files(),
          c.nanos() / 1e9);
      lines.add(found + (c.ok() ? ", each byte for byte as served"
          : String.format(Locale.ROOT, "; the site has %d pages and %d files, %d missing or not as served",
              c.sitePages(), c.siteFiles(), c.wrong())));
    }
    return lines;
  }

  /**
   * What the rows show, in words: each connection is capped by the server, so connections add up, across files
   * ({@code -j}) and within one file ({@code -x}) alike; null until the way with both pools ran whole.
   */
  static String reading(List<Demo.Timed> ways) {
    if (ways.size() < 2) return null;
    Demo.Timed last = ways.get(ways.size() - 1);
    double speedup = last.speedup(ways.get(0));
    // told once the demo reached the way with both pools, and it downloaded everything
    if (Double.isNaN(speedup) || last.way().jobs() < 2 || last.way().connections() < 2 || !last.ok()) return null;
    int connections = last.way().jobs() * last.way().connections();
    return String.format(Locale.ROOT, "speed-up: MiB/s over the serial way's; %s, %d files at once with %d connections"
        + " each, %d in all, ran %.1fx as fast", last.way().name(), last.way().jobs(), last.way().connections(),
        connections, speedup);
  }

  static String row(Demo.Timed t, Demo.Timed serial) {
    double speedup = t.speedup(serial);
    String row = String.format(Locale.ROOT, "%-11s %3d %3d %6.1f s %8.1f %9s", t.way().name(), t.way().jobs(),
        t.way().connections(), t.nanos() / 1e9, t.mibPerSecond(),
        Double.isNaN(speedup) ? "-" : String.format(Locale.ROOT, "%.1fx", speedup));
    if (t.failed() > 0) row += "  " + t.failed() + " failed";
    else if (!t.ok()) row += "  " + (t.files() - t.verified()) + " not as served";
    return row;
  }
}
