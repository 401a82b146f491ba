package dev.hoard.report;

import java.util.Locale;

/**
 * Text a server chose (a name, a reason phrase, a header value) made safe to show on a terminal, to pass to a command
 * or to send on: what a terminal would act on is written out as an escape a person can read, so an odd answer shows
 * as odd rather than vanishing.
 *
 * <table>
 *   <caption>what becomes of each character</caption>
 *   <tr><th>character</th><th>becomes</th></tr>
 *   <tr><td>tab, line feed, vertical tab, form feed, carriage return</td><td>a space</td></tr>
 *   <tr><td>other C0 controls, ESC, DEL, C1 controls (U+0080–U+009F)</td>
 *       <td>{@code \xHH}: ESC is {@code \x1b}, BEL {@code \x07}</td></tr>
 *   <tr><td>bidi embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069</td>
 *       <td><code>&#92;uHHHH</code>: U+202E is <code>&#92;u202e</code></td></tr>
 *   <tr><td>zero-width and direction marks U+200B–U+200F, BOM U+FEFF, word joiner and invisible operators
 *       U+2060–U+2064, Mongolian vowel separator U+180E</td><td><code>&#92;uHHHH</code></td></tr>
 *   <tr><td>tag characters U+E0000–U+E007F</td><td><code>&#92;UHHHHHHHH</code></td></tr>
 *   <tr><td>line and paragraph separators U+2028, U+2029</td><td>a space</td></tr>
 *   <tr><td>anything else</td><td>kept</td></tr>
 * </table>
 *
 * So {@code ESC [ 2 J} shows as {@code \x1b[2J}; a run of spaces is not collapsed, and a backslash the server sent is
 * kept as it is. The result holds none of the characters above, so cleaning it again changes nothing.
 */
public final class Printable {
  private Printable() {}

  /** {@code text} with every character a terminal would act on written out as an escape or a space; null stays null. */
  public static String of(String text) {
    if (text == null) return null;
    int i = 0;
    while (i < text.length() && kind(text.codePointAt(i)) == Kind.KEEP) i += Character.charCount(text.codePointAt(i));
    if (i == text.length()) return text;
    StringBuilder b = new StringBuilder(text.length() + 8).append(text, 0, i);
    while (i < text.length()) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      switch (kind(c)) {
        case KEEP -> b.appendCodePoint(c);
        case SPACE -> b.append(' ');
        case ESCAPE -> b.append(c <= 0xff ? String.format(Locale.ROOT, "\\x%02x", c)
            : c <= 0xffff ? String.format(Locale.ROOT, "\\u%04x", c) : String.format(Locale.ROOT, "\\U%08x", c));
      }
    }
    return b.toString();
  }

  /**
   * Whether {@link #of} would change code point {@code c}: a control, or a character that is invisible or reorders the
   * text around it. File names replace them too.
   */
  public static boolean changes(int c) {
    return kind(c) != Kind.KEEP;
  }

  private enum Kind { KEEP, SPACE, ESCAPE }

  private static Kind kind(int c) {
    if (c >= 0x20 && c < 0x7f) return Kind.KEEP;
    if (c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == 0x2028 || c == 0x2029) return Kind.SPACE;
    if (c < 0x20 || c >= 0x7f && c <= 0x9f) return Kind.ESCAPE;
    if (c >= 0x200b && c <= 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0xfeff) {
      return Kind.ESCAPE;
    }
    // invisible too: the word joiner and invisible operators, the Mongolian vowel separator, and tag characters,
    // which can carry a whole hidden text in a name that looks short
    if (c >= 0x2060 && c <= 0x2064 || c == 0x180e || c >= 0xe0000 && c <= 0xe007f) return Kind.ESCAPE;
    return Kind.KEEP;
  }
}
