package dev.hoard.store;

import dev.hoard.url.Origin;
import dev.hoard.url.Percent;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Where a file found while crawling ({@code -r}) lands inside the download folder: {@code HOST/PATH} as wget lays
 * it out, with {@code host:port} for a port that is not the scheme's default and {@code index.html} for a folder's
 * page. Each segment is percent-decoded (as UTF-8; left encoded when it is not UTF-8) and made safe by
 * {@link SafeName#of}; {@code .} and {@code ..} are resolved first and never climb above the host folder; a query
 * joins the file name after {@code @}, with {@code /} written {@code %2F}, and an HTML, CSS or SVG name's extension
 * written again after it. Credentials and the fragment are dropped.
 * The result is always relative, with no {@code .} or {@code ..} element.
 *
 * <table>
 *   <caption>input → output</caption>
 *   <tr><td>{@code http://Example.COM}, {@code http://example.com/}</td><td>{@code example.com/index.html}</td></tr>
 *   <tr><td>{@code http://h/a/b/}</td><td>{@code h/a/b/index.html}</td></tr>
 *   <tr><td>{@code http://h/a/b}</td><td>{@code h/a/b}</td></tr>
 *   <tr><td>{@code http://h:8080/x}</td><td>{@code h:8080/x}</td></tr>
 *   <tr><td>{@code http://h:80/x}, {@code https://h:443/x}</td><td>{@code h/x}</td></tr>
 *   <tr><td>{@code http://[::1]:8080/x}</td><td>{@code [::1]:8080/x}</td></tr>
 *   <tr><td>{@code http://h/page.php?a=1&b=2}</td><td>{@code h/page.php@a=1&b=2}</td></tr>
 *   <tr><td>{@code http://h/?q=a/b}</td><td>{@code h/index.html@q=a%2Fb.html}</td></tr>
 *   <tr><td>{@code http://h/s.css?v=2}</td><td>{@code h/s.css@v=2.css} (the type stays last)</td></tr>
 *   <tr><td>{@code http://h/caf%C3%A9%20menu.html}</td><td>{@code h/café menu.html}</td></tr>
 *   <tr><td>{@code http://h/%E9t%E9.txt} (Latin-1 bytes)</td><td>{@code h/%E9t%E9.txt}</td></tr>
 *   <tr><td>{@code http://h/a/../../../etc/passwd}</td><td>{@code h/etc/passwd}</td></tr>
 *   <tr><td>{@code http://h/%2e%2e/%2E%2E/x}</td><td>{@code h/x}</td></tr>
 *   <tr><td>{@code http://h/a/..}</td><td>{@code h/index.html}</td></tr>
 *   <tr><td>{@code http://h/a%2Fb%5Cc}</td><td>{@code h/a_b_c}</td></tr>
 *   <tr><td>{@code http://h/a%00b}</td><td>{@code h/a_b}</td></tr>
 *   <tr><td>{@code http://h/.git/config}</td><td>{@code h/_git/config}</td></tr>
 *   <tr><td>{@code http://h/-rf}</td><td>{@code h/_rf}</td></tr>
 *   <tr><td>{@code http://h/.%2E.}</td><td>{@code h/_..}</td></tr>
 *   <tr><td>{@code http://h/a//b}</td><td>{@code h/a/b}</td></tr>
 *   <tr><td>{@code http://h/%20/x} (a folder that cleans to nothing)</td><td>{@code h/index.html/x}</td></tr>
 *   <tr><td>{@code http://user:pw@h/x#top}</td><td>{@code h/x}</td></tr>
 *   <tr><td>{@code ftp://h/x}, {@code /x}, {@code mailto:a@h}</td><td>{@link IllegalArgumentException}</td></tr>
 * </table>
 */
public final class MirrorPath {
  private MirrorPath() {}

  /**
   * The path, relative to the download folder, of the mirrored copy of {@code url}.
   *
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL with a host
   */
  public static Path of(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("not an http(s) URL with a host: " + url);
    }
    String host = SafeName.of(Origin.of(url).authority());

    Deque<String> segments = new ArrayDeque<>();
    String rawPath = url.getRawPath() == null ? "" : url.getRawPath();
    String[] raw = rawPath.split("/", -1);
    boolean folder = true;
    for (String r : raw) {
      String name = Percent.decodeUtf8(r);
      if (name.equals("..")) {
        segments.pollLast();
        folder = true;
      } else if (name.isEmpty() || name.equals(".")) {
        folder = true;
      } else {
        segments.addLast(SafeName.of(name));
        folder = false;
      }
    }
    String file = folder ? SafeName.DEFAULT : segments.removeLast();
    String query = url.getRawQuery();
    if (query != null && !query.isEmpty()) {
      file = SafeName.of(file + "@" + query.replace("/", "%2F") + typeKeptLast(file));
    }
    segments.addLast(file);

    Path out = Path.of(host, segments.toArray(String[]::new));
    for (Path element : out) {
      String e = element.toString();
      if (out.isAbsolute() || e.equals(".") || e.equals("..") || e.isEmpty()) {
        throw new IllegalStateException("unsafe mirror path " + out + " for " + url);
      }
    }
    return out;
  }

  /** Types a browser reading files from disk knows by the name's end only: a stylesheet named otherwise is refused. */
  private static final String[] TYPED = {".html", ".htm", ".css", ".svg"};

  /**
   * The extension that {@code name} (a file name before its query) must end with again after the query, so the
   * mirror browses offline ({@code s.css?v=2} lands as {@code s.css@v=2.css}, as {@code wget -E} writes it); "" for
   * names whose type a browser finds out by itself.
   */
  private static String typeKeptLast(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : TYPED) {
      if (lower.endsWith(ext)) return name.substring(name.length() - ext.length());
    }
    return "";
  }
}
