package dev.hoard.fetch;

import java.util.Objects;

/** One request header: {@code Range: bytes=0-}, an {@code -H} header, credentials. */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses {@code Name: value} as given to {@code -H}, or throws an IllegalArgumentException naming the text: the
   * name must be an HTTP token and neither part may hold a line break.
   */
  public static Header parse(String text) {
    int colon = text.indexOf(':');
    String name = colon < 0 ? "" : text.substring(0, colon).trim();
    boolean token = !name.isEmpty() && name.chars().allMatch(c -> c < 0x7f && c > 0x20 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0);
    if (!token || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("'" + text + "' is not 'Name: value'");
    }
    return new Header(name, text.substring(colon + 1).trim());
  }
}
