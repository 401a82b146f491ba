package dev.hoard.url;

import java.net.URI;
import java.util.Locale;

/**
 * Where a URL's requests go: scheme, host and port, the port always explicit. Headers given with {@code -H},
 * credentials, robots.txt and per-host connection caps all belong to one origin.
 *
 * <table>
 *   <caption>URL → origin</caption>
 *   <tr><td>{@code http://Example.COM/x}</td><td>{@code http://example.com:80}</td></tr>
 *   <tr><td>{@code https://h/}</td><td>{@code https://h:443}</td></tr>
 *   <tr><td>{@code http://u:p@h:8080/}</td><td>{@code http://h:8080}</td></tr>
 * </table>
 *
 * @param scheme lower-case {@code http} or {@code https} (or whatever the URL had)
 * @param host lower-case host, IPv6 literals in brackets
 * @param port the port, the scheme's default made explicit; -1 only for a scheme without one
 */
public record Origin(String scheme, String host, int port) {
  /** The origin of {@code url}. */
  public static Origin of(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    int port = url.getPort() < 0 ? defaultPort(scheme) : url.getPort();
    return new Origin(scheme, host, port);
  }

  /** 80 for http, 443 for https, -1 for anything else. */
  public static int defaultPort(String scheme) {
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
  }

  /** Whether the port is the scheme's own, so URLs and folder names leave it out. */
  public boolean defaultPortUsed() {
    return port == defaultPort(scheme);
  }

  /** {@code host} or {@code host:port} when the port is not the scheme's default, as URLs and mirror folders write it. */
  public String authority() {
    return defaultPortUsed() ? host : host + ":" + port;
  }

  /** {@code scheme://host[:port]}, the port only when it is not the default: the root of the origin's URLs. */
  public String root() {
    return scheme + "://" + authority();
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
