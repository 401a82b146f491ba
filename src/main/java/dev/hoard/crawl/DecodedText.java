package dev.hoard.crawl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of some bytes in a charset, with the way back from offsets in the text to offsets in the bytes, so that
 * text found by parsing can be replaced in the bytes while every other byte stays as it was. Bytes that are not valid
 * in the charset read as U+FFFD and are kept as they are.
 */
final class DecodedText {
  private static final int CHUNK = 8192;

  private final byte[] bytes;
  private final Charset charset;
  private final String text;

  DecodedText(byte[] bytes, Charset charset) {
    this.bytes = bytes;
    this.charset = charset;
    // what decoder() gives (the String constructor replaces as it does), by the JDK's fast path for the common charsets
    this.text = new String(bytes, charset);
  }

  String text() {
    return text;
  }

  /**
   * The byte offset of each of {@code charOffsets}, which must be ascending and fall between characters (never
   * inside a surrogate pair); the end of the text maps to the end of the bytes.
   */
  int[] byteOffsets(int[] charOffsets) {
    int[] out = new int[charOffsets.length];
    CharsetDecoder decoder = decoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer buffer = CharBuffer.allocate(CHUNK);
    int done = 0;
    for (int k = 0; k < charOffsets.length; k++) {
      int target = charOffsets[k];
      if (k > 0 && target < charOffsets[k - 1]) throw new IllegalArgumentException("offsets not ascending at " + k);
      if (target >= text.length()) {
        out[k] = bytes.length;
        continue;
      }
      while (done < target) {
        buffer.clear().limit(Math.min(target - done, CHUNK));
        CoderResult r = decoder.decode(in, buffer, true);
        int got = buffer.position();
        if (got == 0) {
          // a surrogate pair does not fit the one char left before target: target splits a character
          throw new IllegalArgumentException("offset " + target + " is inside a character (" + r + ")");
        }
        done += got;
      }
      out[k] = in.position();
    }
    return out;
  }

  /** {@code s} in the charset of the bytes, as it goes between two of them (no byte order mark). */
  byte[] encode(String s) {
    try {
      ByteBuffer b = encoder().encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing encoder of " + charset + " failed", e);
    }
  }

  /** An encoder for text written between the bytes: for UTF-16, of the byte order the bytes use, writing no mark. */
  CharsetEncoder encoder() {
    Charset c = charset;
    if (c.name().equals("UTF-16")) {
      boolean little = bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE;
      c = little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
    }
    return c.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
  }

  private CharsetDecoder decoder() {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
  }

  /** The charset a byte order mark at the start of {@code bytes} names, or null when there is none. */
  static Charset bomCharset(byte[] bytes) {
    int b0 = bytes.length > 0 ? bytes[0] & 0xFF : -1;
    int b1 = bytes.length > 1 ? bytes[1] & 0xFF : -1;
    int b2 = bytes.length > 2 ? bytes[2] & 0xFF : -1;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) return StandardCharsets.UTF_8;
    if (b0 == 0xFE && b1 == 0xFF) return StandardCharsets.UTF_16BE;
    if (b0 == 0xFF && b1 == 0xFE) return StandardCharsets.UTF_16LE;
    return null;
  }
}
