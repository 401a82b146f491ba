package dev.hoard.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * One line per finished file on standard output, then a summary; errors and problems on standard error. The live and
 * JSON reporters hand their error lines on to this one, so a problem or a retry, whose text may quote a server, is
 * made {@link Printable} here, once for all three; a result's error already is ({@link DownloadResult}).
 */
public final class PlainReporter implements Listener {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean lines;
  private final boolean summary;

  /** What goes to standard output besides errors, which always go to standard error. */
  public enum Show {
    /** nothing: {@code -q}, or another reporter owns standard output */
    ERRORS,
    /** the summary only: live bars showed the files */
    SUMMARY,
    /** a line per finished file, then the summary */
    LINES
  }

  public PlainReporter(PrintWriter out, PrintWriter err, Show show) {
    this.out = out;
    this.err = err;
    this.lines = show == Show.LINES;
    this.summary = show != Show.ERRORS;
  }

  /** Errors and problems on standard error, nothing on standard output. */
  public static PlainReporter errorsOnly(PrintWriter out, PrintWriter err) {
    return new PlainReporter(out, err, Show.ERRORS);
  }

  @Override
  public synchronized void finished(DownloadResult r) {
    if (r.status() == DownloadResult.Status.FAILED) {
      err.println("hoard: " + r.url() + ": " + r.error());
      err.flush();
    }
    if (lines) {
      out.printf(Locale.ROOT, "%-7s %9s %7s  %s%n", r.status().word(), size(r.bytes()), r.ms() + "ms",
          r.path() != null ? r.path() : r.url());
      out.flush();
    }
  }

  /** {@code hoard: links.txt:7: unknown key 'name' (known: out, sha256)} on standard error. */
  @Override
  public void badLine(String input, int line, String error) {
    problem(input + ":" + line + ": " + error);
  }

  @Override
  public synchronized void problem(String message) {
    err.println("hoard: " + Printable.of(message));
    err.flush();
  }

  /** {@code hoard: GET URL Range: bytes=0-99 -> 206 Partial Content (12 ms)} on standard error. */
  @Override
  public synchronized void exchanged(Exchange exchange) {
    err.println("hoard: " + exchange.line());
    err.flush();
  }

  /** {@code hoard: URL: 503 Service Unavailable; attempt 2 of 6 in 1.5 s} on standard error. */
  @Override
  public synchronized void retrying(long id, String what, int attempt, int of, java.time.Duration wait) {
    double seconds = wait.toMillis() / 1000.0;
    err.println("hoard: " + Printable.of(what) + "; attempt " + attempt + " of " + of + " in "
        + String.format(Locale.ROOT, seconds < 10 ? "%.1f s" : "%.0f s", seconds));
    err.flush();
  }

  @Override
  public synchronized void summary(Summary s) {
    if (!summary) return;
    for (String line : lines(s)) out.println(line);
    out.flush();
  }

  /**
   * The summary as a person reads it: the counts, what was downloaded now apart from what was there before, and
   * after an interrupt, how to go on.
   *
   * <pre>
   * 3 ok, 1 skipped (1.0 MiB already there), 1 failed, 2 bad lines; 734.0 MiB downloaded in 5.1 s
   * interrupted: 1 download cut short; run the same command to resume it
   * </pre>
   *
   * or, after a local failure, {@code stopped: cannot write downloads/a.iso.part: disk full; downloads not started yet
   * were left out: once that is fixed, run the same command to go on}.
   */
  static List<String> lines(Summary s) {
    StringBuilder b = new StringBuilder();
    b.append(s.ok()).append(" ok, ").append(s.skipped()).append(" skipped");
    if (s.alreadyThere() > 0) b.append(" (").append(size(s.alreadyThere())).append(" already there)");
    b.append(", ").append(s.failed()).append(" failed");
    if (s.badLines() > 0) b.append(", ").append(s.badLines()).append(s.badLines() == 1 ? " bad line" : " bad lines");
    b.append(String.format(Locale.ROOT, "; %s downloaded in %.1f s", size(s.bytes()), s.ms() / 1000.0));
    if (s.stoppedBy() != null) {
      return List.of(b.toString(), "stopped: " + Printable.of(s.stoppedBy())
          + "; downloads not started yet were left out: once that is fixed, run the same command to go on");
    }
    if (!s.stopped()) return List.of(b.toString());
    String rest = s.interrupted() == 0 ? "run the same command to go on"
        : s.interrupted() == 1 ? "1 download cut short; run the same command to resume it"
        : s.interrupted() + " downloads cut short; run the same command to resume them";
    return List.of(b.toString(), "interrupted: " + rest);
  }

  /** {@code 512 B}, {@code 12.3 KiB}, {@code 1.0 GiB}. */
  public static String size(long bytes) {
    if (bytes < 1024) return bytes + " B";
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    do {
      v /= 1024;
      u++;
    } while (v >= 1024 && u < units.length - 1);
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
