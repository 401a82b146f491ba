package dev.hoard.crawl;

import dev.hoard.crawl.CssScanner.Token;
import dev.hoard.crawl.CssScanner.Type;
import dev.hoard.url.UrlNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the links of CSS text, as a browser's tokenizer (CSS Syntax Level 3) sees them, with where each lies.
 *
 * <p>A link is the value of a {@code url(...)} token or of a {@code url("...")} or {@code src("...")} function, a
 * string directly inside {@code image-set(...)}, or the target of {@code @import} (string or url). Text inside
 * comments or strings is never a link, whatever it looks like; a bad url ({@code url(a b)}, {@code url(a"b)}) is no
 * link; the url of {@code @namespace} and the conditions of {@code @document} name no resource and are left out.
 *
 * <table>
 *   <caption>input → links (value, quote)</caption>
 *   <tr><td>{@code a{background:url(a.png)}}</td><td>{@code a.png}</td></tr>
 *   <tr><td>{@code url( "b c.png" )}, {@code url('b c.png')}</td><td>{@code b c.png} with its quote</td></tr>
 *   <tr><td>{@code url(a\).png)}, {@code url(\61 .png)}</td><td>{@code a).png}, {@code a.png}</td></tr>
 *   <tr><td>{@code @import "x.css";}, {@code @import url(x.css) screen;}</td><td>{@code x.css}, imported</td></tr>
 *   <tr><td>a comment holding {@code url(a.png)}, {@code content:"url(b.png)"}</td><td>nothing</td></tr>
 *   <tr><td>{@code url(a b.png) url(c.png)}</td><td>{@code c.png}</td></tr>
 *   <tr><td>{@code image-set("a.png" 1x, url(b.png) 2x)}</td><td>{@code a.png}, {@code b.png}</td></tr>
 *   <tr><td>{@code @namespace svg url(http://www.w3.org/2000/svg);}</td><td>nothing</td></tr>
 * </table>
 */
public final class CssLinks {
  private CssLinks() {}

  /** At-rules whose urls are names or conditions, not resources to fetch. */
  private static final Set<String> NOT_RESOURCES = Set.of("namespace", "document", "-moz-document");

  /** Functions whose string arguments are urls, as {@code url(} is with an unquoted one. */
  private static final Set<String> URL_FUNCTIONS = Set.of("url", "src");

  private static final Set<String> IMAGE_SETS = Set.of("image-set", "-webkit-image-set");

  /**
   * The links of {@code css}, in order: a stylesheet, the text of a {@code <style>} element, or the value of a
   * {@code style} attribute (with character references already resolved).
   */
  public static List<CssLink> find(CharSequence css) {
    List<Token> tokens = CssScanner.tokens(css);
    List<CssLink> out = new ArrayList<>();
    Deque<String> functions = new ArrayDeque<>();
    String atRule = null;
    boolean importTaken = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean skip = atRule != null && NOT_RESOURCES.contains(atRule);
      boolean imports = "import".equals(atRule) && !importTaken && functions.isEmpty();
      switch (t.type()) {
        case WHITESPACE -> { }
        case AT_KEYWORD -> {
          atRule = t.value();
          importTaken = false;
        }
        case URL -> {
          if (!skip) out.add(new CssLink(t.value(), t.start(), t.end(), (char) 0, imports));
          importTaken |= imports;
        }
        case FUNCTION -> {
          Token arg = nextSignificant(tokens, i + 1);
          if (URL_FUNCTIONS.contains(t.value()) && arg != null && arg.type() == Type.STRING && !skip) {
            out.add(new CssLink(arg.value(), arg.start(), arg.end(), arg.quote(), imports));
            importTaken |= imports;
          }
          functions.push(t.value());
        }
        case STRING -> {
          if (imports && !skip) {
            out.add(new CssLink(t.value(), t.start(), t.end(), t.quote(), true));
            importTaken = true;
          } else if (!functions.isEmpty() && IMAGE_SETS.contains(functions.peek()) && !skip) {
            out.add(new CssLink(t.value(), t.start(), t.end(), t.quote(), false));
          }
        }
        case OPEN_PAREN -> functions.push("(");
        case CLOSE_PAREN -> functions.poll();
        case SEMICOLON, OPEN_BRACE, CLOSE_BRACE -> {
          // a function never spans a block or a declaration's end in well-formed CSS: recover here if unbalanced
          functions.clear();
          atRule = null;
        }
        default -> { }
      }
    }
    return out;
  }

  /**
   * The links of the stylesheet in {@code cssFile} (its first {@link LinkExtractor#MAX_BYTES} bytes), resolved
   * against {@code sheetUrl}, once each and in order; links back to the sheet itself are left out. All are of
   * {@link Link.Kind#CSS}.
   *
   * @param contentType the response's {@code Content-Type}, whose charset is used unless the file starts with a BOM;
   *     null when unknown
   */
  public static List<Link> extract(Path cssFile, String contentType, URI sheetUrl) throws IOException {
    Objects.requireNonNull(sheetUrl, "sheetUrl");
    byte[] bytes;
    try (InputStream in = Files.newInputStream(cssFile)) {
      bytes = in.readNBytes((int) LinkExtractor.MAX_BYTES);
    }
    String css = new DecodedText(bytes, charset(bytes, contentType, null)).text();
    URI self = UrlNormalizer.normalize(sheetUrl);
    Map<URI, Link> links = new LinkedHashMap<>();
    for (CssLink c : find(css)) {
      Link link = Link.resolve(c.value(), sheetUrl.toString(), Link.Kind.CSS);
      if (link != null && !link.url().equals(self)) links.putIfAbsent(link.url(), link);
    }
    return List.copyOf(links.values());
  }

  /**
   * The charset of a stylesheet, as CSS Syntax §3.2 picks it: a byte order mark; else the {@code charset} of
   * {@code contentType}; else an {@code @charset "…";} rule opening the file (UTF-16 names read as UTF-8, as the spec
   * says); else {@code fallback} (the charset of the page that links it), UTF-8 when null.
   */
  public static Charset charset(byte[] sheet, String contentType, Charset fallback) {
    Charset bom = DecodedText.bomCharset(sheet);
    if (bom != null) return bom;
    String declared = LinkExtractor.charset(contentType);
    if (declared != null) return Charset.forName(declared);
    Charset rule = charsetRule(sheet);
    if (rule != null) return rule;
    return fallback == null ? StandardCharsets.UTF_8 : fallback;
  }

  /** The charset named by an {@code @charset "name";} at the very start, as its exact bytes; null when none. */
  private static Charset charsetRule(byte[] sheet) {
    byte[] prefix = "@charset \"".getBytes(StandardCharsets.US_ASCII);
    if (sheet.length < prefix.length) return null;
    for (int i = 0; i < prefix.length; i++) {
      if (sheet[i] != prefix[i]) return null;
    }
    int end = prefix.length;
    while (end < Math.min(sheet.length, 1024) && sheet[end] != '"') end++;
    if (end + 1 >= sheet.length || sheet[end] != '"' || sheet[end + 1] != ';') return null;
    String name = new String(sheet, prefix.length, end - prefix.length, StandardCharsets.ISO_8859_1).strip();
    try {
      Charset c = Charset.forName(name);
      return c.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : c;
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  /**
   * {@code url} written so that CSS reads it back as the value of a link quoted with {@code quote} (0 for an unquoted
   * {@code url(...)}): backslash, the quote, newlines, controls, {@code <} (so no {@code </style>} can appear) and,
   * unquoted, spaces, quotes and parentheses are escaped, as is any character {@code encoder} cannot write.
   *
   * @param encoder the charset the result is written in; null for one that writes every character
   */
  static String escape(String url, char quote, CharsetEncoder encoder) {
    StringBuilder b = new StringBuilder(url.length() + 8);
    for (int i = 0; i < url.length(); ) {
      int c = url.codePointAt(i);
      i += Character.charCount(c);
      boolean unquoted = quote == 0;
      if (c == '\\' || c == quote || (unquoted && (c == '"' || c == '\'' || c == '(' || c == ')'))) {
        b.append('\\').append((char) c);
      } else if (c < 0x20 || c == 0x7F || c == '<' || (unquoted && c == ' ')
          || (encoder != null && !encoder.canEncode(Character.toString(c)))) {
        // a hex escape ends at the space after it, which CSS consumes with it
        b.append('\\').append(Integer.toHexString(c)).append(' ');
      } else {
        b.appendCodePoint(c);
      }
    }
    return b.toString();
  }

  private static Token nextSignificant(List<Token> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).type() != Type.WHITESPACE) return tokens.get(i);
    }
    return null;
  }
}
