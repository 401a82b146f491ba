package dev.hoard.fetch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.apache.hc.core5.http.HttpHost;

/**
 * One http proxy: where it listens, and the credentials it wants (sent to it alone, in Proxy-Authorization).
 *
 * @param user null when the proxy URL names none
 * @param password null when the proxy URL names none
 */
public record ProxyServer(String host, int port, String user, String password) {
  /** The port of a proxy URL that names none: curl's choice, so one environment means the same to both. */
  public static final int DEFAULT_PORT = 1080;

  public ProxyServer {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
  }

  /**
   * Reads {@code http://[user:pass@]host[:port][/]} (the scheme may be left out, as curl allows); {@code source}
   * names where the value came from ({@code --proxy}, {@code https_proxy}) for the error message.
   */
  public static ProxyServer parse(String value, String source) throws SetupException {
    String text = value.strip();
    String bad = source + ": bad proxy URL " + redact(text);
    int sep = text.indexOf("://");
    String scheme = sep < 0 ? "http" : text.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new SetupException(bad + ": only http:// proxies are supported, not " + scheme + "://");
    }
    String rest = sep < 0 ? text : text.substring(sep + 3);
    int end = indexOfAny(rest, "/?#");
    String authority = end < 0 ? rest : rest.substring(0, end);
    String path = end < 0 ? "" : rest.substring(end);
    if (!path.isEmpty() && !path.equals("/")) throw new SetupException(bad + ": a proxy URL has no path");
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String info = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon), bad);
      password = colon < 0 ? "" : decode(info.substring(colon + 1), bad);
    }
    String host;
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) throw new SetupException(bad + ": unclosed [ in the host");
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) throw new SetupException(bad + ": junk after the host");
      port = after.isEmpty() ? "" : after.substring(1);
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? "" : authority.substring(colon + 1);
    }
    if (host.isEmpty()) throw new SetupException(bad + ": no host");
    if (!host.matches("[A-Za-z0-9._:%-]+")) throw new SetupException(bad + ": bad host name");
    int number = DEFAULT_PORT;
    if (!port.isEmpty()) {
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        throw new SetupException(bad + ": bad port " + port);
      }
      number = Integer.parseInt(port);
    }
    return new ProxyServer(host.toLowerCase(Locale.ROOT), number, user, password);
  }

  public boolean hasCredentials() {
    return user != null;
  }

  /** The proxy as HttpClient routes to it. */
  public HttpHost httpHost() {
    return new HttpHost("http", host, port);
  }

  /** {@code http://host:port}, with the user but never the password. */
  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "http://" + (user == null ? "" : user + ":***@") + h + ":" + port;
  }

  /** {@code value} with the password of its user-info, if any, replaced by {@code ***}. */
  static String redact(String value) {
    int sep = value.indexOf("://");
    int start = sep < 0 ? 0 : sep + 3;
    int end = indexOfAny(value.substring(start), "/?#");
    String authority = end < 0 ? value.substring(start) : value.substring(start, start + end);
    int at = authority.lastIndexOf('@');
    int colon = authority.indexOf(':');
    if (at < 0 || colon < 0 || colon > at) return value;
    return value.substring(0, start + colon + 1) + "***" + value.substring(start + at);
  }

  private static String decode(String s, String bad) throws SetupException {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SetupException(bad + ": bad %-escape in the user name or password");
    }
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) return i;
    }
    return -1;
  }
}
