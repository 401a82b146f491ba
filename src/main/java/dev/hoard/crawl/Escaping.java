package dev.hoard.crawl;

import java.nio.charset.CharsetEncoder;

/**
 * How a new link is written in place of an old one so the page reads it back unchanged: as CSS (quoted with
 * {@code cssQuote}, or unquoted in {@code url()} when it is 0), then inside an HTML attribute value (quoted with
 * {@code attributeQuote}, or unquoted when it is 0).
 *
 * @param noSpaces whether white space must be percent-encoded, as in a {@code srcset} candidate, which it would end
 */
record Escaping(boolean css, char cssQuote, boolean attribute, char attributeQuote, boolean noSpaces) {
  /** In the value of an attribute quoted with {@code quote} (0 for unquoted). */
  static Escaping attribute(char quote) {
    return new Escaping(false, (char) 0, true, quote, false);
  }

  /** A {@code srcset} candidate in an attribute quoted with {@code quote}. */
  static Escaping srcset(char quote) {
    return new Escaping(false, (char) 0, true, quote, true);
  }

  /** CSS text of a stylesheet or a {@code <style>} element, with the link quoted with {@code cssQuote}. */
  static Escaping css(char cssQuote) {
    return new Escaping(true, cssQuote, false, (char) 0, false);
  }

  /** CSS in a {@code style} attribute quoted with {@code attributeQuote}. */
  static Escaping cssInAttribute(char cssQuote, char attributeQuote) {
    return new Escaping(true, cssQuote, true, attributeQuote, false);
  }

  /** {@code link} as it must be written; {@code encoder} says which characters the file's charset can hold. */
  String apply(String link, CharsetEncoder encoder) {
    String s = noSpaces ? percentEncodeSpaces(link) : link;
    if (css) s = CssLinks.escape(s, cssQuote, encoder);
    if (attribute) s = HtmlLinks.escapeAttribute(s, attributeQuote, encoder);
    return s;
  }

  private static String percentEncodeSpaces(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ' -> b.append("%20");
        case '\t' -> b.append("%09");
        case '\n' -> b.append("%0A");
        case '\f' -> b.append("%0C");
        case '\r' -> b.append("%0D");
        default -> b.append(c);
      }
    }
    // a candidate's URL may not end in a comma: that comma would end the candidate instead
    if (b.length() > 0 && b.charAt(b.length() - 1) == ',') b.replace(b.length() - 1, b.length(), "%2C");
    return b.toString();
  }
}
