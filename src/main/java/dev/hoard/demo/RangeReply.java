package dev.hoard.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the demo server answers a request for a file of some length: the whole file ({@code 200}), one range of it
 * ({@code 206}), or nothing it can satisfy ({@code 416}). Only a single range is honoured; several ranges, another
 * unit or a malformed header get the whole file, as RFC 9110 lets a server answer. An {@code If-Range} that names
 * another version (neither the ETag nor the Last-Modified date) gets the whole file too.
 *
 * <table>
 *   <caption>Range header, for a file of 1000 bytes → reply</caption>
 *   <tr><td>none</td><td>200, bytes 0-999</td></tr>
 *   <tr><td>{@code bytes=0-99}</td><td>206, bytes 0-99</td></tr>
 *   <tr><td>{@code bytes=100-}</td><td>206, bytes 100-999</td></tr>
 *   <tr><td>{@code bytes=990-5000}</td><td>206, bytes 990-999 (the end is clamped)</td></tr>
 *   <tr><td>{@code bytes=-100}</td><td>206, bytes 900-999 (the last 100)</td></tr>
 *   <tr><td>{@code bytes=-5000}</td><td>206, bytes 0-999</td></tr>
 *   <tr><td>{@code bytes=1000-}, {@code bytes=-0}</td><td>416</td></tr>
 *   <tr><td>{@code bytes=5-1}, {@code bytes=0-1,5-6}, {@code items=0-1}, {@code bytes=x-}</td>
 *       <td>200, the whole file</td></tr>
 * </table>
 *
 * @param first the first byte sent
 * @param last the last byte sent (inclusive); {@code first - 1} when nothing is sent
 */
record RangeReply(int status, long first, long last) {
  private static final RangeReply UNSATISFIABLE = new RangeReply(416, 0, -1);
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

  /**
   * The reply to a request with these headers (either may be null) for a file of {@code length} bytes whose version
   * is {@code etag} and {@code lastModified}.
   */
  static RangeReply to(String range, String ifRange, String etag, String lastModified, long length) {
    RangeReply whole = new RangeReply(200, 0, length - 1);
    if (range == null) return whole;
    if (ifRange != null && !ifRange.strip().equals(etag) && !ifRange.strip().equals(lastModified)) return whole;
    Matcher m = SINGLE.matcher(range.strip());
    if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) return whole;
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      if (suffix == 0 || length == 0) return UNSATISFIABLE;
      return new RangeReply(206, Math.max(0, length - suffix), length - 1);
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
    if (last < first) return whole;
    if (first >= length) return UNSATISFIABLE;
    return new RangeReply(206, first, Math.min(last, length - 1));
  }

  /** How many bytes the body carries. */
  long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} header of this reply for a file of {@code total} bytes, or null for a 200. */
  String contentRange(long total) {
    return switch (status) {
      case 206 -> "bytes " + first + "-" + last + "/" + total;
      case 416 -> "bytes */" + total;
      default -> null;
    };
  }
}
