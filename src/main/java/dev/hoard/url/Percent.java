package dev.hoard.url;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding, one way for names from URL paths, {@code Content-Disposition} and {@code -A}/{@code -R}.
 *
 * <table>
 *   <caption>input → {@link #decodeUtf8}</caption>
 *   <tr><td>{@code caf%C3%A9%20x}</td><td>{@code café x}</td></tr>
 *   <tr><td>{@code a+b}</td><td>{@code a+b} (a plus stays a plus)</td></tr>
 *   <tr><td>{@code 100%}, {@code %zz}</td><td>as they are (malformed escapes kept)</td></tr>
 *   <tr><td>{@code %E9t%E9} (Latin-1 bytes)</td><td>{@code %E9t%E9} (not UTF-8: kept encoded)</td></tr>
 * </table>
 */
public final class Percent {
  private Percent() {}

  /** Decodes {@code %XX} escapes as UTF-8; a string whose bytes are not UTF-8 is returned as it came. */
  public static String decodeUtf8(String raw) {
    if (raw.indexOf('%') < 0) return raw;
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes(raw)))
          .toString();
    } catch (CharacterCodingException e) {
      return raw;
    }
  }

  /** Decodes {@code %XX} escapes in {@code charset}, replacing what it cannot decode. */
  public static String decode(String raw, Charset charset) {
    if (raw.indexOf('%') < 0) return raw;
    return new String(bytes(raw), charset);
  }

  /** The bytes {@code raw} stands for: escapes decoded, other characters as UTF-8, malformed escapes as they are. */
  private static byte[] bytes(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
        out.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
        i += 2;
      } else {
        int cp = raw.codePointAt(i);
        out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp) - 1;
      }
    }
    return out.toByteArray();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
