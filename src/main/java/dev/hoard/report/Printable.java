package dev.hoard.report;

/**
 * Text a server chose (a name, a reason phrase, a header value) made safe to show on a terminal.
 *
 * <table>
 *   <caption>what becomes of each character</caption>
 *   <tr><th>character</th><th>becomes</th></tr>
 *   <tr><td>tab, line feed, vertical tab, form feed, carriage return</td><td>a space</td></tr>
 *   <tr><td>other C0 controls, ESC, DEL, C1 controls (U+0080–U+009F)</td><td>removed</td></tr>
 *   <tr><td>bidi embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069</td><td>removed</td></tr>
 *   <tr><td>zero-width and direction marks U+200B–U+200F, BOM U+FEFF</td><td>removed</td></tr>
 *   <tr><td>line and paragraph separators U+2028, U+2029</td><td>a space</td></tr>
 *   <tr><td>anything else</td><td>kept</td></tr>
 * </table>
 *
 * An escape sequence loses its ESC and so only shows as text ({@code [31m}); a run of spaces is not collapsed.
 */
public final class Printable {
  private Printable() {}

  /** {@code text} with every character a terminal would act on removed or made a space; null stays null. */
  public static String of(String text) {
    if (text == null) return null;
    int i = 0;
    while (i < text.length() && kind(text.charAt(i)) == Kind.KEEP) i++;
    if (i == text.length()) return text;
    StringBuilder b = new StringBuilder(text.length()).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (kind(c)) {
        case KEEP -> b.append(c);
        case SPACE -> b.append(' ');
        case DROP -> { }
      }
    }
    return b.toString();
  }

  /**
   * Whether {@link #of} would change code point {@code c}: a control, or a character that is invisible or reorders the
   * text around it. File names replace them too.
   */
  public static boolean changes(int c) {
    return c <= Character.MAX_VALUE && kind((char) c) != Kind.KEEP;
  }

  private enum Kind { KEEP, SPACE, DROP }

  private static Kind kind(char c) {
    if (c >= 0x20 && c < 0x7f) return Kind.KEEP;
    if (c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == 0x2028 || c == 0x2029) return Kind.SPACE;
    if (c < 0x20 || c >= 0x7f && c <= 0x9f) return Kind.DROP;
    if (c >= 0x200b && c <= 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0xfeff) {
      return Kind.DROP;
    }
    return Kind.KEEP;
  }
}
