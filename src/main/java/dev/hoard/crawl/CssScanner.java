package dev.hoard.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts CSS text into the tokens of CSS Syntax Level 3 (§4.3) that matter for finding links, keeping where each lies in
 * the source. Comments are dropped; numbers, hashes, delimiters and brackets other than parentheses come out as
 * {@link Type#OTHER}. Works on the text as given: the spec's preprocessing (CR LF and FF to LF, NUL to U+FFFD) is
 * applied while reading, never to the text, so offsets are offsets into the caller's string.
 */
final class CssScanner {
  enum Type { WHITESPACE, STRING, BAD_STRING, URL, BAD_URL, FUNCTION, AT_KEYWORD, IDENT, OPEN_PAREN, CLOSE_PAREN,
    OPEN_BRACE, CLOSE_BRACE, SEMICOLON, OTHER }

  /**
   * One token.
   *
   * @param value a string's or url's value with escapes resolved; the lower-case name of a function, at-keyword or
   *     ident; else empty
   * @param start for a string, the offset just past its opening quote; for a url, of its first character after the
   *     spaces; else of its first character
   * @param end for a string, the offset of its closing quote (or of the end); for a url, just past its last character
   *     before the spaces; else just past its last character
   * @param quote the quote of a string, else 0
   */
  record Token(Type type, String value, int start, int end, char quote) {}

  private static final char REPLACEMENT = '\uFFFD';

  private final String css;
  private int pos;

  private CssScanner(String css) {
    this.css = css;
  }

  /** The tokens of {@code css}, in order. */
  static List<Token> tokens(CharSequence css) {
    CssScanner s = new CssScanner(css.toString());
    List<Token> out = new ArrayList<>();
    Token t;
    while ((t = s.next()) != null) out.add(t);
    return out;
  }

  /** The next token, or null at the end; comments are skipped (§4.3.1 "consume a token"). */
  private Token next() {
    while (startsWith("/*")) {
      int close = css.indexOf("*/", pos + 2);
      pos = close < 0 ? css.length() : close + 2;
    }
    if (pos >= css.length()) return null;
    int start = pos;
    char c = css.charAt(pos);
    if (isWhitespace(c)) {
      skipWhitespace();
      return token(Type.WHITESPACE, start);
    }
    switch (c) {
      case '"', '\'' -> {
        return string(c);
      }
      case '#' -> {
        pos++;
        if (isIdentChar(at(pos)) || isValidEscape(pos)) identSequence();
        return token(Type.OTHER, start);
      }
      case '(' -> {
        pos++;
        return token(Type.OPEN_PAREN, start);
      }
      case ')' -> {
        pos++;
        return token(Type.CLOSE_PAREN, start);
      }
      case '{' -> {
        pos++;
        return token(Type.OPEN_BRACE, start);
      }
      case '}' -> {
        pos++;
        return token(Type.CLOSE_BRACE, start);
      }
      case ';' -> {
        pos++;
        return token(Type.SEMICOLON, start);
      }
      case '+', '.' -> {
        if (startsNumber(pos)) return numeric();
        pos++;
        return token(Type.OTHER, start);
      }
      case '-' -> {
        if (startsNumber(pos)) return numeric();
        if (startsWith("-->")) {
          pos += 3;
          return token(Type.OTHER, start);
        }
        if (startsIdent(pos)) return identLike();
        pos++;
        return token(Type.OTHER, start);
      }
      case '<' -> {
        pos += startsWith("<!--") ? 4 : 1;
        return token(Type.OTHER, start);
      }
      case '@' -> {
        pos++;
        if (!startsIdent(pos)) return token(Type.OTHER, start);
        String name = identSequence();
        return new Token(Type.AT_KEYWORD, lower(name), start, pos, (char) 0);
      }
      case '\\' -> {
        if (isValidEscape(pos)) return identLike();
        pos++;
        return token(Type.OTHER, start);
      }
      default -> {
        if (isDigit(c)) return numeric();
        if (isIdentStart(c)) return identLike();
        pos += Character.charCount(css.codePointAt(pos));
        return token(Type.OTHER, start);
      }
    }
  }

  /** §4.3.4: an ident, a function, or a url token for {@code url(} not followed by a quote. */
  private Token identLike() {
    int start = pos;
    String name = lower(identSequence());
    if (name.equals("url") && at(pos) == '(') {
      pos++;
      while (isWhitespace(at(pos)) && isWhitespace(at(pos + 1))) pos++;
      int q = isWhitespace(at(pos)) ? pos + 1 : pos;
      if (at(q) == '"' || at(q) == '\'') return new Token(Type.FUNCTION, name, start, pos, (char) 0);
      return url();
    }
    if (at(pos) == '(') {
      pos++;
      return new Token(Type.FUNCTION, name, start, pos, (char) 0);
    }
    return new Token(Type.IDENT, name, start, pos, (char) 0);
  }

  /** §4.3.6, just past {@code url(}: the url token, or a bad url whose remnants are consumed. */
  private Token url() {
    skipWhitespace();
    int start = pos;
    int end = pos;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= css.length()) return new Token(Type.URL, value.toString(), start, end, (char) 0);
      char c = css.charAt(pos);
      if (c == ')') {
        pos++;
        return new Token(Type.URL, value.toString(), start, end, (char) 0);
      }
      if (isWhitespace(c)) {
        skipWhitespace();
        if (pos >= css.length() || css.charAt(pos) == ')') {
          if (pos < css.length()) pos++;
          return new Token(Type.URL, value.toString(), start, end, (char) 0);
        }
        return badUrl(start);
      }
      if (c == '"' || c == '\'' || c == '(' || isNonPrintable(c)) return badUrl(start);
      if (c == '\\') {
        if (!isValidEscape(pos)) return badUrl(start);
        pos++;
        value.appendCodePoint(escape());
      } else {
        value.append(c == 0 ? REPLACEMENT : c);
        pos++;
      }
      end = pos;
    }
  }

  /** §4.3.14: skips to just past the {@code )} that ends a bad url, ignoring escaped ones. */
  private Token badUrl(int start) {
    while (pos < css.length()) {
      char c = css.charAt(pos);
      if (c == ')') {
        pos++;
        break;
      }
      if (isValidEscape(pos)) {
        pos++;
        escape();
      } else {
        pos++;
      }
    }
    return new Token(Type.BAD_URL, "", start, pos, (char) 0);
  }

  /** §4.3.5, at the opening quote: a string, or a bad string cut by an unescaped newline (left unconsumed). */
  private Token string(char quote) {
    pos++;
    int start = pos;
    StringBuilder value = new StringBuilder();
    while (pos < css.length()) {
      char c = css.charAt(pos);
      if (c == quote) {
        pos++;
        return new Token(Type.STRING, value.toString(), start, pos - 1, quote);
      }
      if (isNewline(c)) return new Token(Type.BAD_STRING, "", start, pos, quote);
      pos++;
      if (c != '\\') {
        value.append(c == 0 ? REPLACEMENT : c);
      } else if (pos < css.length()) {
        if (isNewline(css.charAt(pos))) skipNewline();
        else value.appendCodePoint(escape());
      }
    }
    return new Token(Type.STRING, value.toString(), start, pos, quote);
  }

  /** §4.3.3, just past a numeric token's start: number, then a unit or {@code %}. */
  private Token numeric() {
    int start = pos;
    if (at(pos) == '+' || at(pos) == '-') pos++;
    while (isDigit(at(pos))) pos++;
    if (at(pos) == '.' && isDigit(at(pos + 1))) {
      pos++;
      while (isDigit(at(pos))) pos++;
    }
    char e = at(pos);
    if (e == 'e' || e == 'E') {
      int sign = at(pos + 1) == '+' || at(pos + 1) == '-' ? 1 : 0;
      if (isDigit(at(pos + 1 + sign))) {
        pos += 1 + sign;
        while (isDigit(at(pos))) pos++;
      }
    }
    if (startsIdent(pos)) identSequence();
    else if (at(pos) == '%') pos++;
    return token(Type.OTHER, start);
  }

  /** §4.3.11: the name made of ident characters and escapes starting at {@code pos}. */
  private String identSequence() {
    StringBuilder name = new StringBuilder();
    while (pos < css.length()) {
      char c = css.charAt(pos);
      if (isIdentChar(c)) {
        name.append(c == 0 ? REPLACEMENT : c);
        pos++;
      } else if (isValidEscape(pos)) {
        pos++;
        name.appendCodePoint(escape());
      } else {
        break;
      }
    }
    return name.toString();
  }

  /** §4.3.7, just past a backslash known not to precede a newline: the code point it escapes. */
  private int escape() {
    if (pos >= css.length()) return REPLACEMENT;
    int hexEnd = pos;
    while (hexEnd < css.length() && hexEnd - pos < 6 && isHex(css.charAt(hexEnd))) hexEnd++;
    if (hexEnd > pos) {
      int cp = Integer.parseInt(css, pos, hexEnd, 16);
      pos = hexEnd;
      if (isWhitespace(at(pos))) {
        if (at(pos) == '\r' && at(pos + 1) == '\n') pos++;
        pos++;
      }
      boolean invalid = cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > Character.MAX_CODE_POINT;
      return invalid ? REPLACEMENT : cp;
    }
    int cp = css.codePointAt(pos);
    pos += Character.charCount(cp);
    return cp == 0 ? REPLACEMENT : cp;
  }

  private Token token(Type type, int start) {
    return new Token(type, "", start, pos, (char) 0);
  }

  private void skipWhitespace() {
    while (isWhitespace(at(pos))) pos++;
  }

  private void skipNewline() {
    if (at(pos) == '\r' && at(pos + 1) == '\n') pos++;
    pos++;
  }

  private boolean startsWith(String s) {
    return css.startsWith(s, pos);
  }

  /** The character at {@code i}, or 0xFFFF past the end (no test below accepts it; NUL in the text is read as U+FFFD). */
  private char at(int i) {
    return i < css.length() ? css.charAt(i) : '\uFFFF';
  }

  /** §4.3.8: a backslash at {@code i} not followed by a newline. */
  private boolean isValidEscape(int i) {
    return i < css.length() && css.charAt(i) == '\\' && !isNewline(at(i + 1));
  }

  /** §4.3.9: whether an ident sequence starts at {@code i}. */
  private boolean startsIdent(int i) {
    char c = at(i);
    if (c == '-') return isIdentStart(at(i + 1)) || at(i + 1) == '-' || isValidEscape(i + 1);
    if (c == '\\') return isValidEscape(i);
    return i < css.length() && isIdentStart(c);
  }

  /** §4.3.10: whether a number starts at {@code i}. */
  private boolean startsNumber(int i) {
    char c = at(i);
    if (c == '+' || c == '-') {
      return isDigit(at(i + 1)) || (at(i + 1) == '.' && isDigit(at(i + 2)));
    }
    if (c == '.') return isDigit(at(i + 1));
    return isDigit(c);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && c != '\uFFFF') || c == 0;
  }

  private static boolean isIdentChar(char c) {
    return isIdentStart(c) || isDigit(c) || c == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isNewline(char c) {
    return c == '\n' || c == '\r' || c == '\f';
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || isNewline(c);
  }

  /** §4.2 non-printable code points, which a url token may not hold. */
  static boolean isNonPrintable(char c) {
    return c <= 0x08 && c != 0 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F;
  }
}
