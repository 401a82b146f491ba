package dev.hoard.crawl;

import dev.hoard.url.Percent;
import dev.hoard.url.UrlNormalizer;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which links found while crawling are fetched and which of the fetched files stay on disk, from
 * {@code --span-hosts}, {@code --no-parent}, {@code -A} and {@code -R}. The depth ({@code -l}) and the per-run page
 * cap are counted by the caller. Immutable, safe to share between threads.
 *
 * <p>The caller's decision for a link found on a page that descends from listed URL {@code root}:
 * <pre>{@code
 * if (!scope.follow(link, root)) skip;
 * else if (scope.keep(link)) download (and read its links if it is HTML);
 * else if (scope.fetchToTraverse(link)) download, read its links, delete;
 * else skip;
 * }</pre>
 */
public final class Scope {
  /** Extensions of URLs that look like pages: worth fetching for their links even when {@code -A} drops them. */
  private static final Set<String> PAGE_EXTENSIONS =
      Set.of("html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp");

  private final boolean spanHosts;
  private final boolean noParent;
  private final List<NamePattern> accept;
  private final List<NamePattern> reject;

  /**
   * @param spanHosts follow links to hosts other than the listed URL's
   * @param noParent never go above the folder of the listed URL on its host
   * @param accept {@code -A} entries (each may itself be a comma-separated list); empty or null keeps every file
   * @param reject {@code -R} entries (each may itself be a comma-separated list); may be empty or null
   */
  public Scope(boolean spanHosts, boolean noParent, Collection<String> accept, Collection<String> reject) {
    this.spanHosts = spanHosts;
    this.noParent = noParent;
    this.accept = patterns(accept);
    this.reject = patterns(reject);
  }

  /**
   * Whether {@code link}, found on a page descending from the listed URL {@code root}, is in scope at all: an http(s)
   * URL on root's host (any host with {@code --span-hosts}), and with {@code --no-parent} not above root's folder when
   * on root's host (the folder of {@code /a/b/page.html} and of {@code /a/b/} is {@code /a/b/}). Scheme and port are
   * not compared: {@code https://h:8443/} is on the host of {@code http://h/}, as in wget.
   */
  public boolean follow(URI link, URI root) {
    URI l = UrlNormalizer.normalize(link);
    URI r = UrlNormalizer.normalize(root);
    if (l == null || r == null) return false;
    boolean sameHost = l.getHost().equals(r.getHost());
    if (!sameHost) return spanHosts;
    if (!noParent) return true;
    String rootPath = r.getRawPath();
    return l.getRawPath().startsWith(rootPath.substring(0, rootPath.lastIndexOf('/') + 1));
  }

  /**
   * Whether the file at {@code link} stays on disk: its name (last path segment, percent-decoded, no query) matches
   * no {@code -R} entry and, when {@code -A} is given, an {@code -A} entry.
   */
  public boolean keep(URI link) {
    String name = fileName(link);
    if (matchesAny(reject, name)) return false;
    return accept.isEmpty() || matchesAny(accept, name);
  }

  /**
   * Whether {@code link}, which {@link #keep} would not keep, should still be fetched for its links and then deleted:
   * it matches no {@code -R} entry and looks like a page (path ending in {@code /}, {@code .html}, {@code .htm},
   * {@code .php}, {@code .asp(x)}, {@code .jsp} and the like, or a last segment without extension). False whenever
   * {@link #keep} is true. At the last level of {@code -l} there is no point: the caller should skip it there.
   */
  public boolean fetchToTraverse(URI link) {
    if (keep(link) || matchesAny(reject, fileName(link))) return false;
    return looksLikePage(link);
  }

  static boolean looksLikePage(URI link) {
    String name = fileName(link);
    if (name.isEmpty()) return true;
    int dot = name.lastIndexOf('.');
    return dot < 0 || PAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** The last segment of the path, percent-decoded as UTF-8 (kept encoded when it is not UTF-8); "" for a folder. */
  static String fileName(URI link) {
    String path = link.getRawPath();
    if (path == null) return "";
    String raw = path.substring(path.lastIndexOf('/') + 1);
    return Percent.decodeUtf8(raw);
  }

  private static boolean matchesAny(List<NamePattern> patterns, String name) {
    for (NamePattern p : patterns) {
      if (p.matches(name)) return true;
    }
    return false;
  }

  private static List<NamePattern> patterns(Collection<String> entries) {
    if (entries == null) return List.of();
    return entries.stream()
        .flatMap(e -> List.of(e.split(",")).stream())
        .map(String::strip)
        .filter(e -> !e.isEmpty())
        .map(NamePattern::of)
        .toList();
  }
}
