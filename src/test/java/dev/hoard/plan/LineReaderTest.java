package dev.hoard.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static final String BAD = "!" + LineReader.NOT_UTF8;
  private static final String LONG = "!" + LineReader.TOO_LONG;
  private static final String LONG_COMMENT = "#!" + LineReader.TOO_LONG;
  private static final String BAD_COMMENT = "#!" + LineReader.NOT_UTF8;

  static Stream<Arguments> cases() {
    byte[] e9 = {(byte) 0xE9};
    String max = "y".repeat(LineReader.MAX_LINE);
    return Stream.of(
        Arguments.of(bytes("a\nb"), List.of("a", "b")),
        Arguments.of(bytes("a\n"), List.of("a")),
        Arguments.of(bytes(""), List.of()),
        Arguments.of(bytes("\n"), List.of("")),
        Arguments.of(bytes("a\r\n\r\nb\r\n"), List.of("a", "", "b")),
        Arguments.of(bytes("caf\u00e9 \u2603\n"), List.of("caf\u00e9 \u2603")),
        Arguments.of(join(bytes("caf"), e9, bytes("\nb\n")), List.of(BAD, "b")),
        Arguments.of(join(bytes("  # caf"), e9, bytes("\nb")), List.of(BAD_COMMENT, "b")),
        Arguments.of(join(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes("#"), e9, bytes("\nb")),
            List.of(BAD_COMMENT, "b")),
        // a lone surrogate encoded, an overlong '/': not UTF-8
        Arguments.of(join(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, bytes("\nb")), List.of(BAD, "b")),
        Arguments.of(join(new byte[] {(byte) 0xC0, (byte) 0xAF}, bytes("\nb")), List.of(BAD, "b")),
        Arguments.of(bytes(max + "\nb"), List.of(max, "b")),
        Arguments.of(bytes(max + "y\nb"), List.of(LONG, "b")),
        // the CR of a CRLF is the line's end, not its text
        Arguments.of(bytes(max + "\r\nb\r\n"), List.of(max, "b")),
        Arguments.of(bytes(max + "y\r\nb"), List.of(LONG, "b")),
        Arguments.of(bytes(max + "\r"), List.of(max)),
        Arguments.of(bytes(max + "y"), List.of(LONG)),
        Arguments.of(bytes("#" + max + "\nb"), List.of(LONG_COMMENT, "b")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void readsEachLineOnItsOwn(byte[] input, List<String> expected) throws IOException {
    assertEquals(expected, lines(new ByteArrayInputStream(input)));
  }

  @Test
  void aLineOfHundredsOfMegabytesIsPassedOverWithoutBeingHeld() throws IOException {
    long size = 300L * 1024 * 1024;
    InputStream huge = new Repeating((byte) 'x', size);
    InputStream input = new SequenceInputStream(Collections.enumeration(List.of(
        new ByteArrayInputStream(bytes("a\n")), huge, new ByteArrayInputStream(bytes("\nb\n")))));

    assertEquals(List.of("a", LONG, "b"), lines(input));
  }

  @Test
  void theEndStaysTheEnd() throws IOException {
    LineReader reader = new LineReader(new ByteArrayInputStream(bytes("a")));
    assertEquals("a", reader.next().text());
    assertNull(reader.next());
    assertNull(reader.next());
  }

  private static List<String> lines(InputStream in) throws IOException {
    LineReader reader = new LineReader(in);
    List<String> out = new ArrayList<>();
    for (LineReader.Line l; (l = reader.next()) != null; ) {
      out.add(l.problem() == null ? l.text() : (l.comment() ? "#!" : "!") + l.problem());
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] join(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  /** {@code size} copies of one byte, made as they are read. */
  private static final class Repeating extends InputStream {
    private final byte value;
    private long left;

    Repeating(byte value, long size) {
      this.value = value;
      this.left = size;
    }

    @Override
    public int read() {
      if (left == 0) return -1;
      left--;
      return value;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) return -1;
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, value);
      left -= n;
      return n;
    }
  }
}
