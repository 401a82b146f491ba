package dev.hoard.crawl;

import java.util.Objects;

/**
 * What a server answered for {@code /robots.txt}, after redirects.
 *
 * @param status the HTTP status code
 * @param body the body (empty for none); not copied, so the caller must not change it afterwards
 * @param contentType the {@code Content-Type} value, or null
 */
public record RobotsFile(int status, byte[] body, String contentType) {
  public RobotsFile {
    Objects.requireNonNull(body, "body");
    if (status < 100 || status > 599) throw new IllegalArgumentException("not an HTTP status: " + status);
  }
}
