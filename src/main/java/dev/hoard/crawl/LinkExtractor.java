package dev.hoard.crawl;

import dev.hoard.url.UrlNormalizer;
import dev.hoard.url.UrlResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.input.BoundedInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Reads a downloaded HTML page and returns the http(s) links of the elements a CSS selector picks, resolved against
 * the page's URL and its {@code <base href>}, normalised, deduplicated and in document order.
 *
 * <p>From each selected element it takes {@code href}, {@code src} and every {@code srcset} candidate. Links to
 * other schemes ({@code mailto:}, {@code javascript:}, {@code data:}, {@code ftp:}), pure fragments and links back to
 * the page itself are left out. Only the first {@value #MAX_BYTES} bytes of a page are parsed. Instances are
 * immutable and safe to share between threads.
 */
public final class LinkExtractor {
  /** The {@code --select} default (docs/crawling.md). */
  public static final String DEFAULT_SELECT = "a[href], link[href], img[src], source[src], script[src]";

  /** The default also reads the {@code srcset} of images and {@code <picture>} sources, which often lack {@code src}. */
  private static final String DEFAULT_QUERY = DEFAULT_SELECT + ", img[srcset], source[srcset]";

  /** Pages are cut here: the links of a page bigger than this are rarely worth the memory. */
  public static final long MAX_BYTES = 8L << 20;

  private static final Pattern CHARSET = Pattern.compile("(?i)\\bcharset\\s*=\\s*[\"']?([^\\s;\"']+)");

  private final String query;
  private final long maxBytes;

  /**
   * An extractor for the elements {@code cssSelect} picks; null or blank means {@link #DEFAULT_SELECT}.
   *
   * @throws IllegalArgumentException when jsoup cannot parse {@code cssSelect}; the message names it
   */
  public LinkExtractor(String cssSelect) {
    this(cssSelect, MAX_BYTES);
  }

  LinkExtractor(String cssSelect, long maxBytes) {
    this.query = isDefault(cssSelect) ? DEFAULT_QUERY : cssSelect.strip();
    this.maxBytes = maxBytes;
    try {
      QueryParser.parse(query);
    } catch (Selector.SelectorParseException e) {
      throw new IllegalArgumentException("'" + cssSelect + "' is not a CSS selector: " + e.getMessage(), e);
    }
  }

  /**
   * The links of the page in {@code htmlFile}.
   *
   * @param contentType the response's {@code Content-Type} value, whose {@code charset} wins; null to let the page
   *     declare its charset (BOM or {@code <meta>}), UTF-8 when it does not
   * @param pageUrl the URL the page was finally fetched from (after redirects): relative links resolve against it
   */
  public List<URI> extract(Path htmlFile, String contentType, URI pageUrl) throws IOException {
    Objects.requireNonNull(pageUrl, "pageUrl");
    Document doc;
    try (InputStream file = Files.newInputStream(htmlFile);
        InputStream in = BoundedInputStream.builder().setInputStream(file).setMaxCount(maxBytes).get()) {
      doc = Jsoup.parse(in, charset(contentType), pageUrl.toString());
    }
    URI self = UrlNormalizer.normalize(pageUrl);
    Set<URI> links = new LinkedHashSet<>();
    for (Element e : doc.select(query)) {
      for (String raw : candidates(e)) {
        if (raw.isBlank() || raw.strip().startsWith("#")) continue;
        String absolute = resolve(e, raw);
        URI link = absolute == null ? null : UrlNormalizer.normalize(absolute);
        if (link != null && !link.equals(self)) links.add(link);
      }
    }
    return List.copyOf(links);
  }

  /** Whether a response with this {@code Content-Type} is a page to read links from. */
  public static boolean isHtml(String contentType) {
    if (contentType == null) return false;
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("text/html") || type.equals("application/xhtml+xml");
  }

  /** The charset named by a {@code Content-Type} value, or null when it names none or one Java does not know. */
  static String charset(String contentType) {
    if (contentType == null) return null;
    Matcher m = CHARSET.matcher(contentType);
    if (!m.find()) return null;
    try {
      return Charset.isSupported(m.group(1)) ? m.group(1) : null;
    } catch (IllegalCharsetNameException e) {
      return null;
    }
  }

  /** The raw link values of one element, in attribute order {@code href}, {@code src}, {@code srcset}. */
  private static List<String> candidates(Element e) {
    List<String> out = new ArrayList<>(2);
    if (e.hasAttr("href")) out.add(e.attr("href"));
    if (e.hasAttr("src")) out.add(e.attr("src"));
    if (e.hasAttr("srcset")) out.addAll(Srcset.urls(e.attr("srcset")));
    return out;
  }

  /** {@code raw} made absolute against the element's base URI (the page's, or its {@code <base href>}). */
  private static String resolve(Element e, String raw) {
    return UrlResolver.resolve(e.baseUri(), raw);
  }

  private static boolean isDefault(String cssSelect) {
    return cssSelect == null || cssSelect.isBlank()
        || cssSelect.replaceAll("\\s+", "").equals(DEFAULT_SELECT.replaceAll("\\s+", ""));
  }
}
