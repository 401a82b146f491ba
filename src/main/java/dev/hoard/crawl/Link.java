package dev.hoard.crawl;

import dev.hoard.url.UrlNormalizer;
import dev.hoard.url.UrlResolver;
import java.net.URI;
import java.util.Objects;

/**
 * A link found in a saved page or stylesheet.
 *
 * @param value the link as the source holds it, with character references and CSS escapes resolved
 *     ({@code a.html?x=1&amp;y=2} gives {@code a.html?x=1&y=2}); not stripped
 * @param url where it leads: resolved against the page's base (or the stylesheet's URL), then put in canonical form
 *     by {@link UrlNormalizer}, so without its fragment
 * @param fragment the fragment after {@code #} as written, or null when there is none
 * @param kind what the link is for
 */
public record Link(String value, URI url, String fragment, Kind kind) {
  /** What a link is for. */
  public enum Kind {
    /** A link to follow: {@code <a href>}, {@code <area href>}, a {@code <link>} that is not a requisite, a refresh. */
    PAGE,
    /** What the page needs to display: images, scripts, stylesheets, icons, frames, media, fonts. */
    REQUISITE,
    /** A {@code url(...)} or {@code @import} of CSS: a stylesheet, a {@code <style>} element or a style attribute. */
    CSS,
    /** The {@code href} of {@code <base>}: what relative links of the page resolve against. */
    BASE
  }

  public Link {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * The link {@code value} makes from {@code base}, or null when it leads nowhere to fetch: blank, a fragment of the
   * same document only, or not http(s) once resolved ({@code mailto:}, {@code data:}, {@code javascript:}).
   */
  static Link resolve(String value, String base, Kind kind) {
    String trimmed = trimControlsAndSpaces(value);
    if (trimmed.isEmpty() || trimmed.startsWith("#")) return null;
    String absolute = UrlResolver.resolve(base, trimmed);
    if (absolute == null) return null;
    URI url = UrlNormalizer.normalize(absolute);
    if (url == null) return null;
    int hash = absolute.indexOf('#');
    return new Link(value, url, hash < 0 ? null : absolute.substring(hash + 1), kind);
  }

  /** What the URL standard strips from both ends of a URL: C0 controls and spaces (not all Unicode spaces). */
  private static String trimControlsAndSpaces(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) <= ' ') start++;
    while (end > start && s.charAt(end - 1) <= ' ') end--;
    return s.substring(start, end);
  }

  /** Whether the page needs the link's target to display: {@link Kind#REQUISITE} or {@link Kind#CSS}. */
  public boolean requisite() {
    return kind == Kind.REQUISITE || kind == Kind.CSS;
  }
}
