package dev.hoard.crawl;

import org.jsoup.parser.Parser;

/**
 * The raw text of an attribute value as the page holds it, with character references ({@code &amp;}, {@code &#38;},
 * {@code &#x26;}) resolved, and the way back from offsets in the resolved value to offsets in the raw text, so a part
 * of the value (a {@code srcset} candidate, a {@code url()} in a style) can be replaced alone.
 */
final class AttributeText {
  private final String value;
  private final int[] rawOffset;

  private AttributeText(String value, int[] rawOffset) {
    this.value = value;
    this.rawOffset = rawOffset;
  }

  /**
   * The map of {@code raw}, or null when resolving its references piece by piece does not give {@code expected}
   * (the value the HTML parser read), so no offset could be trusted.
   */
  static AttributeText of(String raw, String expected) {
    StringBuilder value = new StringBuilder(raw.length());
    int[] offsets = new int[raw.length() + 1];
    int i = 0;
    while (i < raw.length()) {
      int end = referenceEnd(raw, i);
      if (end == i) {
        offsets[value.length()] = i;
        value.append(raw.charAt(i));
        i++;
        continue;
      }
      // the character after a reference decides whether a named one without ';' counts, so it is read along
      String resolved = resolve(raw, i, end);
      if (resolved == null) return null;
      if (value.length() + resolved.length() > raw.length()) return null;
      for (int k = 0; k < resolved.length(); k++) offsets[value.length() + k] = i;
      value.append(resolved);
      i = end;
    }
    offsets[value.length()] = raw.length();
    if (!value.toString().equals(expected)) return null;
    int[] exact = new int[value.length() + 1];
    System.arraycopy(offsets, 0, exact, 0, exact.length);
    return new AttributeText(value.toString(), exact);
  }

  /** A value that is its own raw text: each offset maps to itself. */
  static AttributeText plain(String value) {
    int[] offsets = new int[value.length() + 1];
    for (int i = 0; i < offsets.length; i++) offsets[i] = i;
    return new AttributeText(value, offsets);
  }

  String value() {
    return value;
  }

  /**
   * The raw offset of the resolved offset {@code i}: where the character (or reference) it starts at begins in the raw
   * text, the raw length for the end.
   */
  int raw(int i) {
    return rawOffset[i];
  }

  /** The end of a character reference starting at {@code i}, or {@code i} when none starts there. */
  private static int referenceEnd(String s, int i) {
    if (s.charAt(i) != '&') return i;
    int j = i + 1;
    if (j < s.length() && s.charAt(j) == '#') {
      j++;
      boolean hex = j < s.length() && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
      if (hex) j++;
      int digits = j;
      while (j < s.length() && (hex ? isHex(s.charAt(j)) : isDigit(s.charAt(j)))) j++;
      if (j == digits) return i;
    } else {
      while (j < s.length() && isAlphanumeric(s.charAt(j))) j++;
      if (j == i + 1) return i;
    }
    return j < s.length() && s.charAt(j) == ';' ? j + 1 : j;
  }

  /** What the reference {@code s[start, end)} reads as in an attribute, or null when the next character joined it. */
  private static String resolve(String s, int start, int end) {
    String next = end < s.length() ? s.substring(end, end + 1) : "";
    String resolved = Parser.unescapeEntities(s.substring(start, end) + next, true);
    if (!resolved.endsWith(next)) return null;
    return resolved.substring(0, resolved.length() - next.length());
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isAlphanumeric(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
