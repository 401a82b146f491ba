package dev.hoard.report;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --json}: JSON Lines on standard output, one object per finished download and a summary last. */
public final class JsonReporter implements Listener {
  /** Writes a null value as {@code null}: every record has every field docs/output.md lists, even without a path. */
  private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

  private final PrintWriter out;
  /** Failures and problems go to standard error as in plain output; standard output holds JSON only. */
  private final PlainReporter errors;

  public JsonReporter(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.errors = PlainReporter.errorsOnly(out, err);
  }

  @Override
  public synchronized void finished(DownloadResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", r.url());
    m.put("path", r.path());
    m.put("status", r.status().word());
    m.put("bytes", r.bytes());
    m.put("ms", r.ms());
    m.put("http", r.http());
    if (r.error() != null) m.put("error", r.error());
    if (r.parent() != null) {
      m.put("depth", r.depth());
      m.put("parent", r.parent());
    }
    line(m);
    errors.finished(r);
  }

  /** A record on standard output, {@code {"input": FILE, "line": N, "error": TEXT}}, and the message on error. */
  @Override
  public synchronized void badLine(String input, int line, String error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input", input);
    m.put("line", line);
    m.put("error", error);
    line(m);
    errors.badLine(input, line, error);
  }

  /**
   * A record on standard output, {@code {"url": URL, "path": TO, "moved_from": FROM}}, so a script that maps URLs to
   * paths finds the file where it now is; and the message on standard error.
   */
  @Override
  public synchronized void moved(String url, String from, String to, String why) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", url);
    m.put("path", to);
    m.put("moved_from", from);
    line(m);
    errors.moved(url, from, to, why);
  }

  @Override
  public void problem(String message) {
    errors.problem(message);
  }

  @Override
  public void exchanged(Exchange exchange) {
    errors.exchanged(exchange);
  }

  @Override
  public void retrying(long id, String what, int attempt, int of, java.time.Duration wait) {
    errors.retrying(id, what, attempt, of, wait);
  }

  @Override
  public synchronized void summary(Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", true);
    m.put("ok", s.ok());
    m.put("skipped", s.skipped());
    m.put("failed", s.failed());
    m.put("bad_lines", s.badLines());
    m.put("bytes", s.bytes());
    m.put("ms", s.ms());
    line(m);
  }

  private void line(Map<String, Object> m) {
    try {
      out.println(WRITER.asString(m));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
