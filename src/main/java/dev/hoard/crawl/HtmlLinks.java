package dev.hoard.crawl;

import dev.hoard.url.UrlNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

/**
 * Finds every link of an HTML page with where its raw text lies, as jsoup's HTML5 parser reads the page (so comments,
 * scripts and {@code <textarea>} text hold no links): the attributes below, each {@code srcset} candidate, the
 * {@code url()} and {@code @import} of {@code style} attributes and {@code <style>} elements, and the URL of a
 * {@code <meta http-equiv=refresh>}.
 *
 * <table>
 *   <caption>element → attributes (kind)</caption>
 *   <tr><td>{@code a}, {@code area}</td><td>{@code href} (page)</td></tr>
 *   <tr><td>{@code link}</td><td>{@code href}: requisite for a {@code rel} of stylesheet, icon, preload…; else page;
 *       {@code imagesrcset} (requisite)</td></tr>
 *   <tr><td>{@code base}</td><td>{@code href} (base)</td></tr>
 *   <tr><td>{@code img}, {@code source}</td><td>{@code src}, {@code srcset} (requisite)</td></tr>
 *   <tr><td>{@code script}, {@code iframe}, {@code frame}, {@code embed}, {@code audio}, {@code track},
 *       {@code input}</td><td>{@code src} (requisite)</td></tr>
 *   <tr><td>{@code video}</td><td>{@code src}, {@code poster} (requisite)</td></tr>
 *   <tr><td>{@code object}</td><td>{@code data} (requisite)</td></tr>
 *   <tr><td>{@code body}, {@code table}, {@code td}, {@code th}</td><td>{@code background} (requisite)</td></tr>
 *   <tr><td>SVG {@code image}, {@code use}, {@code feImage}</td><td>{@code href}, {@code xlink:href} (requisite)</td></tr>
 * </table>
 *
 * <p>Links resolve against the page's base ({@code <base href>} or the page URL); blank ones, those to a fragment of
 * the page alone ({@code #top}) and those that do not lead to http(s) ({@code mailto:}, {@code data:}) are left out.
 */
public final class HtmlLinks {
  private HtmlLinks() {}

  private static final Map<String, Set<String>> REQUISITE_ATTRIBUTES = Map.ofEntries(
      Map.entry("img", Set.of("src", "srcset")),
      Map.entry("source", Set.of("src", "srcset")),
      Map.entry("script", Set.of("src", "xlink:href")),
      Map.entry("iframe", Set.of("src")),
      Map.entry("frame", Set.of("src")),
      Map.entry("embed", Set.of("src")),
      Map.entry("audio", Set.of("src")),
      Map.entry("track", Set.of("src")),
      Map.entry("input", Set.of("src")),
      Map.entry("video", Set.of("src", "poster")),
      Map.entry("object", Set.of("data")),
      Map.entry("body", Set.of("background")),
      Map.entry("table", Set.of("background")),
      Map.entry("td", Set.of("background")),
      Map.entry("th", Set.of("background")),
      Map.entry("image", Set.of("href", "xlink:href")),
      Map.entry("use", Set.of("href", "xlink:href")),
      Map.entry("feimage", Set.of("href", "xlink:href")));

  /** {@code rel} values of a {@code <link>} whose target the page needs to display. */
  private static final Set<String> REQUISITE_RELS = Set.of("stylesheet", "icon", "apple-touch-icon",
      "apple-touch-icon-precomposed", "mask-icon", "preload", "modulepreload", "manifest");

  /** Bytes at the start of a page searched for a {@code <meta>} naming its charset, as jsoup does. */
  private static final int CHARSET_PRESCAN = 5120;

  /** The links of the page {@code html} fetched from {@code pageUrl}, in document order, every occurrence. */
  public static List<Link> find(String html, URI pageUrl) {
    // where each link lies is not needed here: the parse without source positions costs a third less
    return walk(html, pageUrl, false).stream().map(LinkSpot::link).toList();
  }

  /**
   * The links of the page in {@code htmlFile} (its first {@link LinkExtractor#MAX_BYTES} bytes), in document order,
   * once each per URL and kind; links back to the page itself are left out.
   *
   * @param contentType the response's {@code Content-Type}, whose charset wins over the page's; null when unknown
   */
  public static List<Link> extract(Path htmlFile, String contentType, URI pageUrl) throws IOException {
    Objects.requireNonNull(pageUrl, "pageUrl");
    byte[] bytes;
    try (InputStream in = Files.newInputStream(htmlFile)) {
      bytes = in.readNBytes((int) LinkExtractor.MAX_BYTES);
    }
    String html = new DecodedText(bytes, charset(bytes, contentType)).text();
    URI self = UrlNormalizer.normalize(pageUrl);
    List<Link> out = new ArrayList<>();
    Set<List<Object>> seen = new HashSet<>();
    for (Link link : find(html, pageUrl)) {
      if (!link.url().equals(self) && seen.add(List.of(link.url(), link.kind()))) out.add(link);
    }
    return List.copyOf(out);
  }

  /**
   * The charset of a saved page: a byte order mark; else the {@code charset} of {@code contentType}; else a
   * {@code <meta charset>} or {@code <meta http-equiv=content-type>} in its first bytes (UTF-16 read as UTF-8, as
   * HTML says); else UTF-8.
   */
  public static Charset charset(byte[] page, String contentType) {
    Charset bom = DecodedText.bomCharset(page);
    if (bom != null) return bom;
    String declared = LinkExtractor.charset(contentType);
    if (declared != null) return Charset.forName(declared);
    String head = new String(page, 0, Math.min(page.length, CHARSET_PRESCAN), StandardCharsets.ISO_8859_1);
    // only the start up to the last <meta> can name a charset: parse no further (most pages say it in the first line)
    int lastMeta = head.toLowerCase(Locale.ROOT).lastIndexOf("<meta");
    if (lastMeta < 0) return StandardCharsets.UTF_8;
    int close = head.indexOf('>', lastMeta);
    if (close >= 0) head = head.substring(0, close + 1);
    for (Element meta : Jsoup.parse(head).select("meta[charset], meta[http-equiv][content]")) {
      String name = meta.hasAttr("charset") ? meta.attr("charset").strip()
          : meta.attr("http-equiv").equalsIgnoreCase("content-type") ? LinkExtractor.charset(meta.attr("content"))
          : null;
      if (name == null || !isSupported(name)) continue;
      Charset c = Charset.forName(name);
      return c.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : c;
    }
    return StandardCharsets.UTF_8;
  }

  /** The links of {@code html} with where their raw text lies, in document order. */
  static List<LinkSpot> spots(String html, URI pageUrl) {
    return walk(html, pageUrl, true);
  }

  /**
   * The links of {@code html} in document order; with {@code where}, each with where its raw text lies (the parser
   * tracks source positions), else with positions that mean nothing.
   */
  private static List<LinkSpot> walk(String html, URI pageUrl, boolean where) {
    Document doc = Jsoup.parse(html, pageUrl.toString(), Parser.htmlParser().setTrackPosition(where));
    List<LinkSpot> out = new ArrayList<>();
    for (Element e : doc.getAllElements()) {
      String tag = e.normalName();
      for (Attribute a : e.attributes()) {
        String key = a.getKey().toLowerCase(Locale.ROOT);
        Link.Kind kind = kind(e, tag, key);
        if (kind != null) attribute(html, where, e, a, key, kind, pageUrl, out);
        else if (key.equals("style")) style(html, where, e, a, out);
        else if (key.equals("content") && tag.equals("meta") && e.attr("http-equiv").equalsIgnoreCase("refresh")) {
          refresh(html, where, e, a, out);
        }
      }
      if (tag.equals("style")) {
        for (DataNode data : e.dataNodes()) styleElement(html, where, e, data, out);
      }
    }
    return out;
  }

  /** The kind of the links in attribute {@code key} of {@code e}, or null when it holds none of this class's. */
  private static Link.Kind kind(Element e, String tag, String key) {
    Set<String> requisites = REQUISITE_ATTRIBUTES.get(tag);
    if (requisites != null && requisites.contains(key)) return Link.Kind.REQUISITE;
    return switch (tag) {
      case "a", "area" -> key.equals("href") || key.equals("xlink:href") ? Link.Kind.PAGE : null;
      case "base" -> key.equals("href") ? Link.Kind.BASE : null;
      case "link" -> key.equals("imagesrcset") ? Link.Kind.REQUISITE
          : !key.equals("href") ? null
          : isRequisiteRel(e.attr("rel")) ? Link.Kind.REQUISITE : Link.Kind.PAGE;
      default -> null;
    };
  }

  private static boolean isRequisiteRel(String rel) {
    for (String r : rel.toLowerCase(Locale.ROOT).split("[ \t\n\f\r]+")) {
      if (REQUISITE_RELS.contains(r)) return true;
    }
    return false;
  }

  private static void attribute(String html, boolean where, Element e, Attribute a, String key, Link.Kind kind,
      URI page, List<LinkSpot> out) {
    RawValue raw = RawValue.of(html, where, a);
    if (raw == null) return;
    String base = kind == Link.Kind.BASE ? page.toString() : e.baseUri();
    if (key.endsWith("srcset")) {
      for (Srcset.Span s : Srcset.spans(raw.text.value())) {
        Link link = Link.resolve(raw.text.value().substring(s.start(), s.end()), base, kind);
        if (link != null) out.add(raw.spot(link, s.start(), s.end(), Escaping.srcset(raw.quote)));
      }
      return;
    }
    Link link = Link.resolve(a.getValue(), base, kind);
    if (link != null) out.add(new LinkSpot(link, raw.start, raw.end, Escaping.attribute(raw.quote)));
  }

  private static void style(String html, boolean where, Element e, Attribute a, List<LinkSpot> out) {
    RawValue raw = RawValue.of(html, where, a);
    if (raw == null) return;
    for (CssLink c : CssLinks.find(raw.text.value())) {
      Link link = Link.resolve(c.value(), e.baseUri(), Link.Kind.CSS);
      if (link != null) out.add(raw.spot(link, c.start(), c.end(), Escaping.cssInAttribute(c.quote(), raw.quote)));
    }
  }

  private static void styleElement(String html, boolean where, Element e, DataNode data, List<LinkSpot> out) {
    int at = 0;
    String css = data.getWholeData();
    if (where) {
      Range r = data.sourceRange();
      if (!r.isTracked() || r.endPos() > html.length()) return;
      if (!html.substring(r.startPos(), r.endPos()).equals(css)) return;
      at = r.startPos();
    }
    for (CssLink c : CssLinks.find(css)) {
      Link link = Link.resolve(c.value(), e.baseUri(), Link.Kind.CSS);
      if (link != null) out.add(new LinkSpot(link, at + c.start(), at + c.end(), Escaping.css(c.quote())));
    }
  }

  /** The URL of {@code <meta http-equiv=refresh content="5; url=next.html">}, read as HTML's refresh steps do. */
  private static void refresh(String html, boolean where, Element e, Attribute a, List<LinkSpot> out) {
    RawValue raw = RawValue.of(html, where, a);
    if (raw == null) return;
    String s = raw.text.value();
    int i = skipSpaces(s, 0);
    int time = i;
    while (i < s.length() && ((s.charAt(i) >= '0' && s.charAt(i) <= '9') || s.charAt(i) == '.')) i++;
    if (i == time) return;
    i = skipSpaces(s, i);
    if (i < s.length() && (s.charAt(i) == ';' || s.charAt(i) == ',')) i = skipSpaces(s, i + 1);
    if (s.regionMatches(true, i, "url", 0, 3)) {
      int afterUrl = skipSpaces(s, i + 3);
      if (afterUrl < s.length() && s.charAt(afterUrl) == '=') i = skipSpaces(s, afterUrl + 1);
    }
    char quote = i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'') ? s.charAt(i) : 0;
    int start = quote == 0 ? i : i + 1;
    int end = quote == 0 ? s.length() : s.indexOf(quote, start);
    if (end < 0) end = s.length();
    while (end > start && isSpace(s.charAt(end - 1))) end--;
    Link link = Link.resolve(s.substring(start, end), e.baseUri(), Link.Kind.PAGE);
    if (link != null) out.add(raw.spot(link, start, end, Escaping.attribute(raw.quote)));
  }

  /**
   * {@code value} written as the value of an attribute quoted with {@code quote} (0 for unquoted): {@code &} and the
   * quote always escaped as character references; unquoted, also white space, both quotes, {@code <}, {@code >},
   * {@code =} and {@code `}; and any character {@code encoder} cannot write.
   *
   * @param encoder the charset the result is written in; null for one that writes every character
   */
  static String escapeAttribute(String value, char quote, CharsetEncoder encoder) {
    StringBuilder b = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (c == '&') b.append("&amp;");
      else if (c == '"' && (quote == '"' || quote == 0)) b.append("&quot;");
      else if (c == '\'' && (quote == '\'' || quote == 0)) b.append("&#39;");
      else if (quote == 0 && (isSpace((char) c) || "<>=`".indexOf(c) >= 0)) b.append("&#").append(c).append(';');
      else if (encoder != null && !encoder.canEncode(Character.toString(c))) b.append("&#").append(c).append(';');
      else b.appendCodePoint(c);
    }
    return b.toString();
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && isSpace(s.charAt(i))) i++;
    return i;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  private static boolean isSupported(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** An attribute's raw value in the page: where it lies, its quote, and its text with references resolved. */
  private static final class RawValue {
    final int start;
    final int end;
    final char quote;
    final AttributeText text;

    private RawValue(int start, int end, char quote, AttributeText text) {
      this.start = start;
      this.end = end;
      this.quote = quote;
      this.text = text;
    }

    /**
     * The raw value of {@code a} ({@code where}: as it lies in {@code html}), or null when the parser did not track
     * it or the text at its range does not read as its value (then nothing of it is touched).
     */
    static RawValue of(String html, boolean where, Attribute a) {
      // no positions wanted: the value as the parser read it stands for itself, its offsets its own
      if (!where) return new RawValue(0, a.getValue().length(), '\0', AttributeText.plain(a.getValue()));
      Range r = a.sourceRange().valueRange();
      if (!r.isTracked() || r.startPos() < 0 || r.endPos() > html.length() || r.endPos() < r.startPos()) return null;
      int start = r.startPos();
      int end = r.endPos();
      AttributeText text = AttributeText.of(html.substring(start, end), a.getValue());
      if (text == null) return null;
      char before = start > 0 ? html.charAt(start - 1) : 0;
      boolean quoted = (before == '"' || before == '\'') && end < html.length() && html.charAt(end) == before;
      return new RawValue(start, end, quoted ? before : 0, text);
    }

    /** The spot of {@code link}, whose text lies at {@code [from, to)} of the resolved value. */
    LinkSpot spot(Link link, int from, int to, Escaping escaping) {
      return new LinkSpot(link, start + text.raw(from), start + text.raw(to), escaping);
    }
  }
}
