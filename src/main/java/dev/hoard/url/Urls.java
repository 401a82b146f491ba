package dev.hoard.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reading URLs that people type and servers send: parse into an absolute http(s) {@link URI}, escape what a URI may
 * not hold, drop credentials before a request. Each error message names the text, its password hidden.
 *
 * <table>
 *   <caption>text → URL</caption>
 *   <tr><td>{@code https://example.org/a b}</td><td>{@code https://example.org/a%20b}</td></tr>
 *   <tr><td>{@code example.org/x}, {@code localhost:8080/x}</td><td>{@code http://example.org/x},
 *       {@code http://localhost:8080/x} (no scheme: http, as wget and curl read it)</td></tr>
 *   <tr><td>{@code http://bücher.example/f}</td><td>{@code http://xn--bcher-kva.example/f}</td></tr>
 *   <tr><td>{@code ftp://h/x}, {@code mailto:a@h}</td><td>error: not an http or https URL</td></tr>
 *   <tr><td>{@code http:///x}</td><td>error: URL has no host</td></tr>
 * </table>
 */
public final class Urls {
  private Urls() {}

  /** An absolute http or https URL with a host, or an IllegalArgumentException saying what is wrong with the text. */
  public static URI parseHttp(String text) {
    String t = text.strip();
    String scheme = scheme(t);
    if (scheme == null) {
      t = "http://" + t;
      scheme = "http";
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("not an http or https URL: '" + Redact.url(text) + "'");
    }
    URI url;
    try {
      url = new URI(escapeIllegal(asciiHost(t)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid URL: '" + Redact.url(text) + "'");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("URL has no host: '" + Redact.url(text) + "'");
    }
    if (!portInRange(url.getPort())) {
      throw new IllegalArgumentException("port " + url.getPort() + " is out of range (1-65535): '" + Redact.url(text)
          + "'");
    }
    return url;
  }

  /** Whether {@code port} (-1 for none given) is one a connection can be made to: none, or 1 to 65535. */
  public static boolean portInRange(int port) {
    return port == -1 || port >= 1 && port <= 65535;
  }

  /**
   * The lower-case scheme of {@code text}, or null when it has none. {@code localhost:8080/x} has none: a "scheme"
   * followed by digits is a host and its port.
   */
  static String scheme(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) return null;
    for (int i = 0; i < colon; i++) {
      char c = text.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.');
      if (!ok) return null;
    }
    if (!text.startsWith("//", colon + 1)) {
      // host:port, not scheme:rest
      int d = colon + 1;
      if (d < text.length() && text.charAt(d) >= '0' && text.charAt(d) <= '9') return null;
    }
    return text.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /** The text with a non-ASCII host name in its punycode form, which is what goes on the wire. */
  public static String asciiHost(String text) {
    return HostName.withHost(text, HostName::ascii);
  }

  /**
   * Percent-encodes (as UTF-8) what people paste into URLs and servers put in Location headers but a URI may not
   * hold: spaces, non-ASCII, quotes, braces; after the host, square brackets ({@code ?ids[]=1}, {@code img[1].png}) and
   * a {@code %} that starts no escape ({@code 100%.txt}), which browsers, curl and wget send as they are.
   */
  public static String escapeIllegal(String text) {
    int path = authorityEnd(text);
    boolean clean = true;
    for (int i = 0; i < text.length() && clean; i++) clean = !illegal(text, i, i >= path);
    if (clean) return text;
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp < 0x80 && !illegal(text, i, i >= path)) {
        b.append((char) cp);
      } else {
        for (byte c : text.substring(i, next).getBytes(StandardCharsets.UTF_8)) {
          int u = c & 0xff;
          b.append('%').append(HEX[u >> 4]).append(HEX[u & 15]);
        }
      }
      i = next;
    }
    return b.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean illegal(String text, int i, boolean afterHost) {
    char c = text.charAt(i);
    if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) return true;
    if (!afterHost) return false;
    return c == '[' || c == ']' || c == '%' && !(hex(text, i + 1) && hex(text, i + 2));
  }

  private static boolean hex(String text, int i) {
    return i < text.length() && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 0x80;
  }

  /**
   * Where the host part of {@code text} ends: after {@code scheme://host:port} or {@code //host:port}, whose square
   * brackets hold an IPv6 address; 0 for a reference with no host ({@code /a/b}, {@code b?c}).
   */
  private static int authorityEnd(String text) {
    int start;
    if (text.startsWith("//")) {
      start = 2;
    } else {
      int colon = text.indexOf(':');
      if (colon <= 0 || !text.startsWith("//", colon + 1)) return 0;
      for (int i = 0; i < colon; i++) {
        char c = text.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-'
            || c == '.'))) {
          return 0;
        }
      }
      start = colon + 3;
    }
    int end = start;
    while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) end++;
    return end;
  }

  /** The URL without its user-info, which HttpClient refuses and which must not travel to another host. */
  public static URI withoutUserInfo(URI url) {
    if (url.getRawUserInfo() == null) return url;
    String authority = url.getRawAuthority();
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    return URI.create(url.getScheme() + "://" + authority + path + query);
  }
}
