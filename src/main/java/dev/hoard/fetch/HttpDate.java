package dev.hoard.fetch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * HTTP dates ({@code Last-Modified}, {@code Retry-After}, {@code If-Modified-Since}), read in the IMF-fixdate form
 * servers send ({@code Sun, 06 Nov 1994 08:49:37 GMT}) and written in it.
 */
public final class HttpDate {
  private HttpDate() {}

  /** The instant {@code value} names, or null when it is absent or not an HTTP date. */
  public static Instant parse(String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code instant} as an IMF-fixdate, to the second. */
  public static String format(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
  }
}
