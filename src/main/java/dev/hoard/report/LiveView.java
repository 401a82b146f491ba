package dev.hoard.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jline.utils.WCWidth;

/**
 * The live lines as a model: the downloads in flight and the run's totals, updated by events from any thread, and
 * rendered to text for a width and a time passed in. No terminal, no clock.
 *
 * <p>One line per download in flight: name, bar, percent, bytes, speed, ETA, and {@code ×N} range requests in flight;
 * then {@code +K more} when they do not all fit; then a total line: files done of files known, bytes downloaded in
 * this run, speed. When the width is short the bar shrinks, then the name, then the bar goes, then ETA, pieces, bytes,
 * speed and percent in that order; no line is ever wider than the width.
 */
final class LiveView {
  /** At most this many lines for downloads, however tall the terminal. */
  static final int MAX_LINES = 10;
  private static final int NAME_MIN = 12;
  private static final int NAME_MAX = 28;
  private static final int BAR_MIN = 10;
  private static final int BAR_MAX = 30;

  /** The fields after the name and the bar, in the order they are shown. */
  private enum Field { PERCENT, BYTES, SPEED, ETA, PIECES }

  /** After the bar, the order in which fields give way when the line is too long. */
  private static final List<Field> DROPPED = List.of(Field.ETA, Field.PIECES, Field.BYTES, Field.SPEED, Field.PERCENT);

  /** One download in flight; its counters are written by the download's threads, its rate under the view's lock. */
  private static final class Entry {
    final String name;
    final int nameCols;
    final long total;
    final AtomicLong done;
    volatile int pieces;
    final Rate rate = new Rate();

    Entry(String name, long total, long alreadyDone) {
      this.name = name;
      this.nameCols = cols(name);
      this.total = total;
      this.done = new AtomicLong(alreadyDone);
    }
  }

  private final boolean unicode;
  private final ConcurrentSkipListMap<Long, Entry> inFlight = new ConcurrentSkipListMap<>();
  private final LongAdder runBytes = new LongAdder();
  private final Rate runRate = new Rate();
  private long started;
  private long finishedUnstarted;
  private long finished;
  private long knownEvent;

  /** @param unicode whether the terminal shows block characters; if not, the bar is drawn in ASCII */
  LiveView(boolean unicode) {
    this.unicode = unicode;
  }

  /** A download began (or began again after a restart: its line is replaced, not added). */
  synchronized void started(long id, String name, long total, long alreadyDone) {
    Entry e = new Entry(Printable.of(name == null ? "" : name), total, Math.max(0, alreadyDone));
    if (inFlight.put(id, e) == null) started++;
  }

  /** {@code bytes} more bytes of download {@code id}, counted for the run too. */
  void progress(long id, long bytes) {
    Entry e = inFlight.get(id);
    if (e != null) e.done.addAndGet(bytes);
    runBytes.add(bytes);
  }

  /** {@code bytes} more bytes of some download: the run's total only. */
  void progress(long bytes) {
    runBytes.add(bytes);
  }

  void pieces(long id, int inFlightPieces) {
    Entry e = inFlight.get(id);
    if (e != null) e.pieces = inFlightPieces;
  }

  /** Download {@code id} ended: its line goes. */
  synchronized void finished(long id) {
    if (inFlight.remove(id) == null) finishedUnstarted++;
    finished++;
  }

  /** A download ended whose id is not known: counted, no line removed. */
  synchronized void finished() {
    finishedUnstarted++;
    finished++;
  }

  /** The run has met {@code files} files so far. */
  synchronized void known(long files) {
    knownEvent = Math.max(knownEvent, files);
  }

  /** The lines for a terminal {@code width} columns wide with room for {@link #MAX_LINES} downloads. */
  List<String> render(int width, long now) {
    return render(width, MAX_LINES + 2, now);
  }

  /**
   * The lines for a terminal of {@code width} columns and {@code height} rows at time {@code now} (nanoseconds, any
   * origin): the downloads take at most {@code height - 2} lines, the total one.
   */
  synchronized List<String> render(int width, int height, long now) {
    runRate.sample(now, runBytes.sum());
    List<Entry> all = new ArrayList<>(inFlight.values());
    // every download is sampled, shown or not, so one that comes into view has its speed ready
    for (Entry e : all) e.rate.sample(now, e.done.get());
    int budget = Math.max(1, Math.min(MAX_LINES, height - 2));
    int shown = all.size() <= budget ? all.size() : budget - 1;
    List<String> lines = new ArrayList<>(downloadLines(all.subList(0, shown), width, now));
    if (shown < all.size()) lines.add(cut("+" + (all.size() - shown) + " more", width));
    lines.add(totalLine(width, now));
    return lines;
  }

  private String totalLine(int width, long now) {
    long known = Math.max(knownEvent, started + finishedUnstarted);
    long done = Math.min(finished, known);
    String files = done + "/" + known + " files";
    String bytes = PlainReporter.size(runBytes.sum());
    String speed = speed(runRate.perSecond(now));
    for (String line : new String[] {files + "  " + bytes + "  " + speed, files + "  " + bytes, files}) {
      if (cols(line) <= width) return line;
    }
    return cut(files, width);
  }

  /** The cells of one download's line, before layout. */
  private record Row(String name, int nameCols, double fraction, String percent, String bytes, String speed,
      String eta, String pieces) {
    String cell(Field f) {
      return switch (f) {
        case ETA -> eta;
        case PIECES -> pieces;
        case SPEED -> speed;
        case BYTES -> bytes;
        case PERCENT -> percent;
      };
    }
  }

  private Row row(Entry e, long now) {
    long done = e.done.get();
    double rate = e.rate.perSecond(now);
    String pieces = e.pieces > 0 ? (unicode ? "\u00d7" : "x") + e.pieces : "";
    if (e.total < 0) return new Row(e.name, e.nameCols, -1, "", PlainReporter.size(done), speed(rate), "--:--", pieces);
    // a server sending more than it announced must not show 104 %
    long shown = Math.min(done, e.total);
    double fraction = e.total == 0 ? 1 : (double) shown / e.total;
    String percent = (e.total == 0 ? 100 : shown * 100 / e.total) + "%";
    String eta = rate < 1 ? "--:--" : clock((long) Math.ceil((e.total - shown) / rate));
    return new Row(e.name, e.nameCols, fraction, percent, bytes(shown, e.total), speed(rate), eta, pieces);
  }

  /** {@code 2.8/5.6 GiB}, or {@code 512 KiB/1.2 GiB} when the units differ. */
  static String bytes(long done, long total) {
    String d = PlainReporter.size(done);
    String t = PlainReporter.size(total);
    int space = d.lastIndexOf(' ');
    return d.substring(space).equals(t.substring(t.lastIndexOf(' '))) ? d.substring(0, space) + "/" + t : d + "/" + t;
  }

  private List<String> downloadLines(List<Entry> entries, int width, long now) {
    if (entries.isEmpty()) return List.of();
    List<Row> rows = new ArrayList<>();
    for (Entry e : entries) rows.add(row(e, now));
    int[] widths = new int[Field.values().length];
    int namePref = 0;
    boolean anyBar = false;
    for (Row r : rows) {
      namePref = Math.max(namePref, r.nameCols());
      anyBar |= r.fraction() >= 0;
      for (Field f : Field.values()) widths[f.ordinal()] = Math.max(widths[f.ordinal()], cols(r.cell(f)));
    }
    namePref = Math.min(namePref, NAME_MAX);
    int nameMin = Math.min(NAME_MIN, namePref);
    // level 0 has everything; level 1 loses the bar; each level after loses one more field
    for (int level = 0; level <= DROPPED.size() + 1; level++) {
      boolean bar = anyBar && level == 0;
      java.util.Set<Field> kept = java.util.EnumSet.allOf(Field.class);
      DROPPED.subList(0, Math.max(0, level - 1)).forEach(kept::remove);
      int fixed = 0;
      for (Field f : kept) {
        if (widths[f.ordinal()] > 0) fixed += 1 + widths[f.ordinal()];
      }
      int avail = width - fixed;
      int nameCols = Math.min(namePref, bar ? avail - 1 - BAR_MIN : avail);
      if (nameCols < nameMin) continue;
      int barCols = bar ? Math.min(BAR_MAX, avail - 1 - nameCols) : 0;
      List<String> lines = new ArrayList<>();
      for (Row r : rows) lines.add(line(r, nameCols, barCols, widths, kept));
      return lines;
    }
    List<String> lines = new ArrayList<>();
    for (Row r : rows) lines.add(cut(r.name(), width));
    return lines;
  }

  /** One download's line: the name padded to its column, the bar, then the fields kept, each in its column. */
  private String line(Row r, int nameCols, int barCols, int[] widths, java.util.Set<Field> kept) {
    StringBuilder b = new StringBuilder(pad(cut(r.name(), nameCols), nameCols));
    if (barCols > 0) b.append(' ').append(bar(r.fraction(), barCols));
    for (Field f : kept) {
      int w = widths[f.ordinal()];
      if (w == 0) continue;
      String cell = r.cell(f);
      b.append(' ');
      // pieces read as a suffix, so they hug the left of their column; numbers line up on the right
      if (f == Field.PIECES) b.append(pad(cell, w));
      else b.append(" ".repeat(w - cols(cell))).append(cell);
    }
    return b.toString().stripTrailing();
  }

  private String bar(double fraction, int cols) {
    if (fraction < 0) return " ".repeat(cols);
    int full = (int) Math.floor(Math.min(1, fraction) * cols);
    return (unicode ? "\u2588" : "#").repeat(full) + (unicode ? "\u2591" : "-").repeat(cols - full);
  }

  /** {@code 12.3 MiB/s}, or {@code --} when unknown or stalled: never a speed that rounds to nothing. */
  private static String speed(double perSecond) {
    return perSecond < 1 ? "--" : PlainReporter.size(Math.round(perSecond)) + "/s";
  }

  /** {@code 03:12}, {@code 1:02:03}; {@code --:--} past 99 hours, where an ETA means nothing. */
  static String clock(long seconds) {
    if (seconds < 0 || seconds >= 100 * 3600) return "--:--";
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%02d:%02d", m, s);
  }

  /** The columns {@code text} takes on a terminal: 2 for a wide character, 0 for a combining one. */
  static int cols(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      n += Math.max(0, WCWidth.wcwidth(cp));
      i += Character.charCount(cp);
    }
    return n;
  }

  /**
   * {@code text} within {@code max} columns: whole if it fits, else its start and its end around an ellipsis, the end
   * given more room so an extension stays visible ({@code ubuntu…amd64.iso}).
   */
  String cut(String text, int max) {
    if (cols(text) <= max) return text;
    if (max <= 0) return "";
    String ellipsis = unicode ? "\u2026" : "~";
    int room = max - 1;
    int headCols = room * 2 / 5;
    String head = head(text, headCols);
    String tail = tail(text, room - cols(head));
    return head + ellipsis + tail;
  }

  private static String head(String text, int max) {
    int n = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (n + w > max) break;
      n += w;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }

  private static String tail(String text, int max) {
    int n = 0;
    int i = text.length();
    while (i > 0) {
      int cp = text.codePointBefore(i);
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (n + w > max) break;
      n += w;
      i -= Character.charCount(cp);
    }
    // a mark that takes no column (a decomposed accent) belongs to the letter before it, which is cut off: left at
    // the start it would sit on the ellipsis
    while (i < text.length() && WCWidth.wcwidth(text.codePointAt(i)) == 0) {
      i += Character.charCount(text.codePointAt(i));
    }
    return text.substring(i);
  }

  private static String pad(String text, int cols) {
    return text + " ".repeat(Math.max(0, cols - cols(text)));
  }
}
