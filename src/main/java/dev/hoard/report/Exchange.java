package dev.hoard.report;

import java.util.Locale;

/**
 * One HTTP request and how it was answered, as {@code -v} shows it on a line of its own.
 *
 * <table>
 *   <caption>exchange → line</caption>
 *   <tr><td>a probe</td><td>{@code GET https://example.org/a.iso -> 200 OK (41 ms)}</td></tr>
 *   <tr><td>a piece</td><td>{@code GET https://example.org/a.iso Range: bytes=0-1048575 -> 206 Partial Content (12 ms)}</td></tr>
 *   <tr><td>a redirect</td><td>{@code GET http://example.org/a -> 301 Moved Permanently (3 ms)}</td></tr>
 *   <tr><td>no answer</td><td>{@code GET http://127.0.0.1:9/a -> connection refused (1 ms)}</td></tr>
 * </table>
 *
 * @param url the URL asked, its password hidden
 * @param range the {@code Range} header sent, or null
 * @param status the answer's status, or 0 when none came
 * @param reason the answer's reason phrase (a server's text), or null
 * @param ms from sending the request to the answer's head, or to the failure
 * @param error why no answer came, or null
 */
public record Exchange(String method, String url, String range, int status, String reason, long ms, String error) {
  /** The line {@code -v} prints, without hoard's prefix; what a server chose is made printable. */
  public String line() {
    StringBuilder b = new StringBuilder(method).append(' ').append(Printable.of(url));
    if (range != null) b.append(" Range: ").append(Printable.of(range));
    b.append(" -> ");
    if (error != null) {
      b.append(Printable.of(error));
    } else {
      b.append(status);
      if (reason != null && !reason.isBlank()) b.append(' ').append(Printable.of(reason.strip()));
    }
    return b.append(String.format(Locale.ROOT, " (%d ms)", ms)).toString();
  }
}
