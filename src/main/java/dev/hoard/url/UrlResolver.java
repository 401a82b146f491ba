package dev.hoard.url;

/**
 * Resolves a link as written in a page against the page's base URL (RFC 3986 §5.2), on strings: no
 * {@code java.net.URL} and no regex per link. Dot segments and escapes are left to {@link UrlNormalizer}, which every
 * resolved link goes through next (and which drops the fragment the result keeps).
 *
 * <table>
 *   <caption>base {@code http://h/a/b/page.html?q=1}, ref → result</caption>
 *   <tr><td>{@code x.png}</td><td>{@code http://h/a/b/x.png}</td></tr>
 *   <tr><td>{@code ../c/}</td><td>{@code http://h/a/b/../c/} (the normaliser removes {@code ..})</td></tr>
 *   <tr><td>{@code /root.css}</td><td>{@code http://h/root.css}</td></tr>
 *   <tr><td>{@code //cdn.example/lib.js}</td><td>{@code http://cdn.example/lib.js}</td></tr>
 *   <tr><td>{@code ?p=2}</td><td>{@code http://h/a/b/page.html?p=2}</td></tr>
 *   <tr><td>{@code #top}</td><td>{@code http://h/a/b/page.html?q=1#top}</td></tr>
 *   <tr><td>{@code ""}</td><td>{@code http://h/a/b/page.html?q=1}</td></tr>
 *   <tr><td>{@code https://other/x#f}, {@code mailto:a@h}</td><td>as written</td></tr>
 * </table>
 */
public final class UrlResolver {
  private UrlResolver() {}

  /**
   * {@code ref} resolved against {@code base}, an absolute URL; null when the base is not one.
   */
  public static String resolve(String base, String ref) {
    String r = strip(ref);
    if (hasScheme(r)) return r;
    int colon = base.indexOf("://");
    if (colon <= 0) return null;
    String scheme = base.substring(0, colon);
    int pathStart = base.indexOf('/', colon + 3);
    int queryStart = base.indexOf('?', colon + 3);
    int fragment = base.indexOf('#');
    int end = fragment < 0 ? base.length() : fragment;
    if (queryStart > end) queryStart = -1;
    if (pathStart > end || queryStart >= 0 && pathStart > queryStart) pathStart = -1;
    int authorityEnd = pathStart >= 0 ? pathStart : queryStart >= 0 ? queryStart : end;
    String origin = base.substring(0, authorityEnd);
    String path = pathStart < 0 ? "/" : base.substring(pathStart, queryStart >= 0 ? queryStart : end);
    if (r.startsWith("//")) return scheme + ":" + r;
    if (r.isEmpty()) return base.substring(0, end);
    if (r.startsWith("#")) return base.substring(0, end) + r;
    if (r.startsWith("?")) return origin + path + r;
    if (r.startsWith("/")) return origin + r;
    return origin + path.substring(0, path.lastIndexOf('/') + 1) + r;
  }

  /** Whether {@code s} starts with {@code scheme:}. */
  private static boolean hasScheme(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':') return i > 0;
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.');
      if (!ok) return false;
    }
    return false;
  }

  /** Leading and trailing C0 controls and spaces go, as browsers strip them from a link. */
  private static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) <= ' ') a++;
    while (b > a && s.charAt(b - 1) <= ' ') b--;
    return a == 0 && b == s.length() ? s : s.substring(a, b);
  }
}
