package dev.hoard.check;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code hoard check} prints on standard output: one line per site and a summary, as aligned plain text or, with
 * {@code --json}, as JSON Lines. Each line is flushed at once, so a watch shows changes as they happen. A watch's plain
 * lines start with the time of their round; its JSON records keep the fields of a single check.
 */
final class Report {
  private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
  /** ISO 8601 local time to the second, {@code 2026-12-02T14:37:05}: a person reads it, and scripts parse it as is. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

  private final PrintWriter out;
  private final boolean json;

  Report(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** {@code up    200   12 ms  URL} or {@code down  404    3 ms  URL  404 Not Found}; {@code -} without a status. */
  void result(CheckResult r) {
    result(r, null);
  }

  /** The line of {@link #result(CheckResult)} after the time of the check: {@code 2026-12-02T14:37:05  up  ...}. */
  void result(CheckResult r, LocalDateTime at) {
    if (json) {
      print(r.fields());
    } else {
      String line = String.format(Locale.ROOT, "%-4s  %3s %4d ms  %s", r.state(), r.http() == 0 ? "-" : r.http(), r.ms(),
          r.shownUrl());
      println(at, r.error() == null ? line : line + "  " + r.error());
    }
  }

  /**
   * {@code 3 checked: 2 up, 1 down in 412 ms} ({@code ; 1 bad line} after it when the list had some), or
   * {@code {"summary":true,"up":2,"down":1,"bad_lines":0,"ms":412}}: bad lines make the exit status 1 even when every
   * site is up, so the summary says how many there were.
   */
  void summary(int up, int down, int badLines, long ms) {
    summary(up, down, badLines, ms, null);
  }

  /** The summary of {@link #summary(int, int, int, long)} after the time of the round, as its lines have it. */
  void summary(int up, int down, int badLines, long ms, LocalDateTime at) {
    summary(up, down, badLines, ms, at, false);
  }

  /**
   * The summary of a run cut short by SIGINT/SIGTERM, counting the sites reported so far:
   * {@code 2 checked: 2 up, 0 down in 812 ms; interrupted, the rest not checked}, or the JSON summary with
   * {@code "interrupted":true}.
   */
  void interrupted(int up, int down, int badLines, long ms) {
    summary(up, down, badLines, ms, null, true);
  }

  private void summary(int up, int down, int badLines, long ms, LocalDateTime at, boolean interrupted) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("summary", true);
      m.put("up", up);
      m.put("down", down);
      m.put("bad_lines", badLines);
      m.put("ms", ms);
      if (interrupted) m.put("interrupted", true);
      print(m);
    } else {
      String bad = badLines == 0 ? "" : "; " + badLines + (badLines == 1 ? " bad line" : " bad lines");
      String cut = interrupted ? "; interrupted, the rest not checked" : "";
      println(at, String.format(Locale.ROOT, "%d checked: %d up, %d down in %d ms%s%s", up + down, up, down, ms, bad,
          cut));
    }
  }

  /** {@code line}, after {@code at} when there is one. */
  private void println(LocalDateTime at, String line) {
    out.println(at == null ? line : TIME.format(at) + "  " + line);
    out.flush();
  }

  private void print(Map<String, Object> record) {
    try {
      out.println(WRITER.asString(record));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
    out.flush();
  }
}
