package dev.hoard.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream line by line, each line decoded on its own as UTF-8, so that one bad line costs only itself: a
 * line whose bytes are not UTF-8 or that runs past {@link #MAX_LINE} bytes comes back as a {@link Line} with a
 * problem, and the next line reads as usual. A line too long is skipped to its newline without being held.
 * Reads from the stream only when the line asked for needs more bytes.
 *
 * <table>
 *   <caption>bytes → lines</caption>
 *   <tr><td>{@code a\nb}</td><td>{@code a}, {@code b} (the last line needs no newline)</td></tr>
 *   <tr><td>{@code a\r\n\r\n}</td><td>{@code a}, empty</td></tr>
 *   <tr><td>{@code caf\xE9\nb}</td><td>problem "bytes that are not UTF-8", {@code b}</td></tr>
 *   <tr><td>64 KiB + 1 bytes, {@code \nb}</td><td>problem "line too long: over 64 KiB", {@code b}</td></tr>
 * </table>
 */
final class LineReader {
  /** The longest line read, in bytes, its line end not counted. */
  static final int MAX_LINE = 64 * 1024;

  static final String NOT_UTF8 = "bytes that are not UTF-8 (save the file as UTF-8)";
  static final String TOO_LONG = "line too long: over 64 KiB";

  /**
   * One line: its text (line end removed), or the problem that kept it from being read and then null text. A line
   * that is not UTF-8 but whose first non-blank byte is {@code #} is a comment all the same: {@link #comment()}.
   */
  record Line(String text, String problem, boolean comment) {
    static Line of(String text) {
      return new Line(text, null, false);
    }

    static Line bad(String problem, boolean comment) {
      return new Line(null, problem, comment);
    }
  }

  private final InputStream in;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[8192];
  private int pos;
  private int limit;
  private boolean ended;
  /** The line being gathered; it never grows past {@link #MAX_LINE} bytes and a CR. */
  private byte[] line = new byte[256];
  private int length;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    length = 0;
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit && !fill()) {
        if (!any) return null;
        break;
      }
      any = true;
      int nl = indexOfNewline();
      int end = nl < 0 ? limit : nl;
      if (!tooLong) {
        // one byte more than the longest line: the CR of a CRLF, which is the line's end
        if (length + (end - pos) > MAX_LINE + 1) {
          tooLong = true;
          keepStart(end);
        } else {
          append(pos, end);
        }
      }
      // a line too long keeps only its start (to tell a comment); the rest is passed over, never stored
      if (nl >= 0) {
        pos = nl + 1;
        break;
      }
      pos = limit;
    }
    int n = length;
    if (n > 0 && line[n - 1] == '\r') n--;
    if (tooLong || n > MAX_LINE) return Line.bad(TOO_LONG, isComment());
    try {
      return Line.of(utf8.reset().decode(ByteBuffer.wrap(line, 0, n)).toString());
    } catch (CharacterCodingException e) {
      return Line.bad(NOT_UTF8, isComment());
    }
  }

  private boolean fill() throws IOException {
    if (ended) return false;
    int n = in.read(buffer, 0, buffer.length);
    if (n < 0) {
      ended = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private int indexOfNewline() {
    for (int i = pos; i < limit; i++) if (buffer[i] == '\n') return i;
    return -1;
  }

  private void append(int from, int to) {
    int n = to - from;
    if (length + n > line.length) {
      byte[] grown = new byte[Math.min(MAX_LINE + 1, Math.max(line.length * 2, length + n))];
      System.arraycopy(line, 0, grown, 0, length);
      line = grown;
    }
    System.arraycopy(buffer, from, line, length, n);
    length += n;
  }

  /** Keeps what fits of the line's start: enough to see whether it is a comment. */
  private void keepStart(int end) {
    int room = Math.min(end - pos, line.length - length);
    if (room > 0) append(pos, pos + room);
  }

  /** Whether the first byte other than a blank is {@code #}. */
  private boolean isComment() {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b) continue;
      if (i == 0 && length >= 3 && b == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
        i += 2; // a byte order mark before the first line
        continue;
      }
      return b == '#';
    }
    return false;
  }
}
