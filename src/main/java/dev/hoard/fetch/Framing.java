package dev.hoard.fetch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.ProtocolException;

/**
 * Where an answer's body ends (RFC 9112, section 6.3), for the connection that reads it and for hoard's idea of the
 * file's length alike.
 *
 * <table>
 *   <caption>headers → body</caption>
 *   <tr><td>{@code Transfer-Encoding: chunked}, with or without a Content-Length</td><td>chunked: the transfer
 *       coding wins, the Content-Length is ignored</td></tr>
 *   <tr><td>{@code Transfer-Encoding: gzip} (chunked not last)</td><td>refused: a coding hoard does not undo</td></tr>
 *   <tr><td>{@code Content-Length: 5}, or twice {@code 5}, or {@code 5, 5}</td><td>5 bytes</td></tr>
 *   <tr><td>{@code Content-Length: 3} and {@code Content-Length: 5}</td><td>refused: the framing is
 *       contradictory</td></tr>
 *   <tr><td>{@code Content-Length: -1} or {@code x}</td><td>refused</td></tr>
 *   <tr><td>neither</td><td>until the server closes the connection</td></tr>
 * </table>
 */
final class Framing implements ContentLengthStrategy {
  static final Framing RULE = new Framing();

  private Framing() {}

  @Override
  public long determineLength(HttpMessage message) throws ProtocolException {
    return length(values(message, "Transfer-Encoding"), values(message, "Content-Length"));
  }

  /**
   * The body's length in bytes, {@link #CHUNKED}, or {@link #UNDEFINED} (until the connection closes).
   *
   * @throws ProtocolException when the headers do not say one length
   */
  static long length(List<String> transferEncoding, List<String> contentLength) throws ProtocolException {
    if (!transferEncoding.isEmpty()) {
      List<String> codings = tokens(transferEncoding);
      String last = codings.isEmpty() ? "" : codings.get(codings.size() - 1);
      if (last.equals("chunked")) return CHUNKED;
      throw new ProtocolException("unsupported framing: Transfer-Encoding " + String.join(", ", codings));
    }
    if (contentLength.isEmpty()) return UNDEFINED;
    TreeSet<Long> lengths = new TreeSet<>();
    for (String v : tokens(contentLength)) {
      if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new ProtocolException("bad framing: Content-Length '" + v + "' is not a length");
      }
      lengths.add(Long.parseLong(v));
    }
    if (lengths.size() > 1) {
      throw new ProtocolException("bad framing: Content-Length headers disagree (" + joined(lengths.iterator()) + ")");
    }
    if (lengths.isEmpty()) throw new ProtocolException("bad framing: an empty Content-Length");
    return lengths.first();
  }

  /** The length as hoard takes it: in bytes, or -1 when it is not known in advance (chunked, to the close, unclear). */
  static long knownLength(HttpMessage message) {
    try {
      long n = RULE.determineLength(message);
      return n >= 0 ? n : -1;
    } catch (ProtocolException e) {
      return -1;
    }
  }

  private static List<String> values(HttpMessage message, String name) {
    List<String> out = new ArrayList<>();
    for (Header h : message.getHeaders(name)) out.add(h.getValue() == null ? "" : h.getValue());
    return out;
  }

  /** The comma-separated list items of the values, trimmed and in lower case. */
  private static List<String> tokens(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String t : v.split(",", -1)) out.add(t.strip().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static String joined(Iterator<Long> it) {
    StringBuilder b = new StringBuilder();
    while (it.hasNext()) b.append(b.isEmpty() ? "" : " and ").append(it.next());
    return b.toString();
  }
}
