package dev.hoard.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts an http or https URL into one canonical spelling, so that one resource is fetched once.
 *
 * <table>
 *   <caption>input → output</caption>
 *   <tr><td>{@code HTTP://Example.COM}</td><td>{@code http://example.com/}</td></tr>
 *   <tr><td>{@code http://h:80/a}, {@code https://h:443/a}</td><td>{@code http://h/a}, {@code https://h/a}</td></tr>
 *   <tr><td>{@code http://h:8080/a}</td><td>{@code http://h:8080/a}</td></tr>
 *   <tr><td>{@code http://h/a/./b/../c}</td><td>{@code http://h/a/c}</td></tr>
 *   <tr><td>{@code http://h/../../etc}</td><td>{@code http://h/etc}</td></tr>
 *   <tr><td>{@code http://h/a#top}</td><td>{@code http://h/a}</td></tr>
 *   <tr><td>{@code http://h/%7euser/%2e%2e/x%2fy}</td><td>{@code http://h/x%2Fy} ({@code %7e}→{@code ~}, {@code %2e}→{@code .})</td></tr>
 *   <tr><td>{@code http://h/café x?q=é}</td><td>{@code http://h/caf%C3%A9%20x?q=%C3%A9}</td></tr>
 *   <tr><td>{@code http://h/100%}</td><td>{@code http://h/100%25}</td></tr>
 *   <tr><td>{@code http://Bücher.de/}</td><td>{@code http://xn--bcher-kva.de/}</td></tr>
 *   <tr><td>{@code http://h/a?b=1&c}</td><td>{@code http://h/a?b=1&c} (query kept, not reordered)</td></tr>
 *   <tr><td>{@code mailto:x@h}, {@code ftp://h/}, {@code data:,x}, {@code http:/x}, {@code http://h:99999/}</td><td>null</td></tr>
 * </table>
 */
public final class UrlNormalizer {
  private UrlNormalizer() {}

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
  private static final String HEX = "0123456789ABCDEF";

  /**
   * Canonical forms already worked out: the pages of a site repeat the same links (navigation, footers, indexes)
   * page after page, and a crawl asks for each of them hundreds of times.
   */
  private static final Map<String, Optional<URI>> KNOWN = new ConcurrentHashMap<>();
  private static final int KNOWN_MAX = 16_384;

  /** The canonical form of {@code url}, or null when it is not an absolute http or https URL with a host. */
  public static URI normalize(URI url) {
    return url == null ? null : normalize(url.toString());
  }

  /**
   * The canonical form of {@code url} as written in a page (spaces and non-ASCII characters allowed), or null when
   * it is not an absolute http or https URL with a host.
   */
  public static URI normalize(String url) {
    if (url == null) return null;
    // the fragment never reaches the canonical form: links to one page's many anchors share one entry
    int hash = url.indexOf('#');
    String key = hash < 0 ? url : url.substring(0, hash);
    Optional<URI> known = KNOWN.get(key);
    if (known != null) return known.orElse(null);
    URI canonical = canonical(key);
    // a bound, not an LRU: emptied when full, it costs one recomputation per URL, and a crawl's links repeat in runs
    if (KNOWN.size() >= KNOWN_MAX) KNOWN.clear();
    KNOWN.put(key, Optional.ofNullable(canonical));
    return canonical;
  }

  /** The canonical form of {@code url}, which {@link #normalize(String)} has already cut at its fragment. */
  private static URI canonical(String url) {
    String s = withoutTabsAndNewlines(url.strip());
    Matcher m = SCHEME.matcher(s);
    if (!m.find()) return null;
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) return null;
    String rest = s.substring(m.end());
    if (!rest.startsWith("//")) return null;
    rest = rest.substring(2);
    int end = 0;
    while (end < rest.length() && "/?".indexOf(rest.charAt(end)) < 0) end++;
    String authority = authority(scheme, rest.substring(0, end));
    if (authority == null) return null;
    String pathAndQuery = rest.substring(end);
    int q = pathAndQuery.indexOf('?');
    String path = encode(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
    String query = q < 0 ? null : encode(pathAndQuery.substring(q + 1));
    path = removeDotSegments(path.isEmpty() ? "/" : path);
    String out = scheme + "://" + authority + path + (query == null ? "" : "?" + query);
    try {
      URI uri = new URI(out);
      return uri.getHost() == null ? null : uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** {@code [userinfo@]host[:port]} with the host lower-case (IDN as punycode) and a default port dropped. */
  private static String authority(String scheme, String raw) {
    int at = raw.lastIndexOf('@');
    String userinfo = at < 0 ? "" : encode(raw.substring(0, at)).replace("@", "%40") + "@";
    String hostPort = raw.substring(at + 1);
    String host;
    String port = "";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) return null;
      host = hostPort.substring(0, close + 1);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) return null;
      port = after.isEmpty() ? "" : after.substring(1);
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? "" : hostPort.substring(colon + 1);
      if (!host.chars().allMatch(c -> c < 0x80)) {
        try {
          host = HostName.ascii(host);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.isEmpty() || host.equals("[]")) return null;
    if (!port.isEmpty()) {
      if (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) return null;
      int p = Integer.parseInt(port);
      if (!Urls.portInRange(p)) return null;
      port = p == Origin.defaultPort(scheme) ? "" : ":" + p;
    }
    return userinfo + host + port;
  }

  /**
   * Percent-encodes (as UTF-8) what may not stand in a URI, upper-cases the hex of existing escapes and decodes the
   * escapes of unreserved characters.
   */
  static String encode(String raw) {
    StringBuilder b = new StringBuilder(raw.length() + 16);
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
        int v = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
        if (isUnreserved(v)) b.append((char) v);
        else b.append('%').append(HEX.charAt(v >> 4)).append(HEX.charAt(v & 15));
        i += 3;
        continue;
      }
      if (c < 0x80 && c != '%' && (isUnreserved(c) || "!$&'()*+,;=:@/?".indexOf(c) >= 0)) {
        b.append((char) c);
      } else {
        for (byte x : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
          b.append('%').append(HEX.charAt((x >> 4) & 15)).append(HEX.charAt(x & 15));
        }
      }
      i += Character.charCount(c);
    }
    return b.toString();
  }

  /** RFC 3986 §5.2.4 on an absolute path: {@code .} and {@code ..} segments go; {@code ..} never climbs above root. */
  static String removeDotSegments(String path) {
    String[] segments = path.substring(1).split("/", -1);
    Deque<String> out = new ArrayDeque<>();
    for (int i = 0; i < segments.length; i++) {
      String seg = segments[i];
      boolean last = i == segments.length - 1;
      if (seg.equals(".") || seg.equals("..")) {
        if (seg.equals("..") && !out.isEmpty()) out.removeLast();
        if (last) out.addLast("");
      } else {
        out.addLast(seg);
      }
    }
    return "/" + String.join("/", out);
  }

  /** Browsers drop tabs and newlines inside URLs; most URLs have none, so they cost nothing then. */
  private static String withoutTabsAndNewlines(String s) {
    if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\t' && c != '\n' && c != '\r') b.append(c);
    }
    return b.toString();
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '~';
  }
}
