package dev.hoard.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One thing the demo server serves.
 *
 * @param path the path it is served at, from {@code /}
 * @param sha256 the SHA-256 of the body in lower-case hex: what every downloaded copy is checked against
 */
record Served(String path, String contentType, byte[] body, String sha256) {
  Served {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  static Served of(String path, String contentType, byte[] body) {
    return new Served(path, contentType, body, sha256(body));
  }

  static Served text(String path, String contentType, String text) {
    return of(path, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A strong validator of this version of the body. */
  String etag() {
    return "\"" + sha256.substring(0, 16) + "\"";
  }

  /** The last segment of the path. */
  String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
