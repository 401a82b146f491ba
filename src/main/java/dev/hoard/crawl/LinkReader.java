package dev.hoard.crawl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the links a crawl follows from a saved page or stylesheet, one per URL, each with what it is for.
 *
 * <p>With the default {@code --select}, a page gives every link {@link HtmlLinks} finds: its links, what it embeds,
 * and the {@code url()}s of its {@code <style>} elements and {@code style} attributes. With another selection it gives
 * the links of the elements picked, as links to follow, plus (when asked for requisites) everything the page needs
 * to display. A URL found both as a link and as a requisite is a requisite. Immutable, safe to share between threads.
 */
public final class LinkReader {
  /** What a saved file is read as. */
  public enum Format {
    HTML,
    CSS,
    /** Neither: it holds no links to follow. */
    NONE
  }

  private final LinkExtractor selected;

  /**
   * A reader for the elements {@code cssSelect} picks; null, blank or {@link LinkExtractor#DEFAULT_SELECT} for all.
   *
   * @throws IllegalArgumentException when jsoup cannot parse {@code cssSelect}; the message names it
   */
  public LinkReader(String cssSelect) {
    this.selected = isDefault(cssSelect) ? null : new LinkExtractor(cssSelect);
  }

  /**
   * What a file is read as: its {@code Content-Type} decides ({@code text/html} and XHTML are pages, {@code text/css}
   * a stylesheet); a name ending in {@code .css} is a stylesheet whatever the type but HTML; with no type (a file an
   * earlier run saved, or a server that sent none), a page name ({@code .html}, {@code .htm}, {@code .xhtml}) or
   * {@code looksLikeHtml} makes a page.
   */
  public static Format format(String contentType, String fileName, boolean looksLikeHtml) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (contentType != null && LinkExtractor.isHtml(contentType)) return Format.HTML;
    if (isCss(contentType) || name.endsWith(".css")) return Format.CSS;
    if (contentType != null) return Format.NONE;
    if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml") || looksLikeHtml) {
      return Format.HTML;
    }
    return Format.NONE;
  }

  /** Whether a {@code Content-Type} value names a stylesheet. */
  public static boolean isCss(String contentType) {
    if (contentType == null) return false;
    return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("text/css");
  }

  /**
   * The links of the file, read as {@code format}.
   *
   * @param contentType the response's {@code Content-Type} (its charset wins), or null
   * @param url the URL the file was finally fetched from: relative links resolve against it
   * @param requisites with a {@code --select} of its own, also give what the page needs to display
   */
  public List<Link> read(Path file, Format format, String contentType, URI url, boolean requisites)
      throws IOException {
    return switch (format) {
      case HTML -> page(file, contentType, url, requisites);
      case CSS -> CssLinks.extract(file, contentType, url);
      case NONE -> List.of();
    };
  }

  private List<Link> page(Path file, String contentType, URI url, boolean requisites) throws IOException {
    Map<URI, Link> out = new LinkedHashMap<>();
    if (selected != null) {
      for (URI u : selected.extract(file, contentType, url)) {
        out.put(u, new Link(u.toString(), u, null, Link.Kind.PAGE));
      }
      if (!requisites) return List.copyOf(out.values());
    }
    for (Link link : HtmlLinks.extract(file, contentType, url)) {
      if (link.kind() == Link.Kind.BASE || (selected != null && !link.requisite())) continue;
      Link had = out.get(link.url());
      if (had == null) out.put(link.url(), link);
      else if (!had.requisite() && link.requisite()) out.replace(link.url(), link);
    }
    return List.copyOf(out.values());
  }

  private static boolean isDefault(String cssSelect) {
    return cssSelect == null || cssSelect.isBlank()
        || cssSelect.replaceAll("\\s+", "").equals(LinkExtractor.DEFAULT_SELECT.replaceAll("\\s+", ""));
  }
}
