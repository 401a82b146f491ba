package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDateTest {
  private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

  /** What the reader gave before it read the common form itself: java.time's RFC 1123 parser, null where it fails. */
  private static Instant javaTime(String v) {
    try {
      return ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void readsTheRfcExample() {
    assertEquals(RFC_EXAMPLE, HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
    assertEquals(RFC_EXAMPLE, HttpDate.parse("  Sun, 06 Nov 1994 08:49:37 GMT "));
  }

  @Test
  void writesTheFixedFormWithATwoDigitDay() {
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(RFC_EXAMPLE));
    assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(Instant.EPOCH));
  }

  @Test
  void readsWhatItWritesAndAgreesWithJavaTimeOverFourCenturies() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(-2_208_988_800L, 7_258_118_400L)); // 1900 to 2200
      String written = HttpDate.format(t);
      assertEquals(t, HttpDate.parse(written), written);
      assertEquals(javaTime(written), HttpDate.fixdate(written), written);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Mon, 06 Nov 1994 08:49:37 GMT", // the day name does not match the date
      "Wed, 29 Feb 1995 08:49:37 GMT", // no such day
      "Sun, 06 Nov 1994 24:49:37 GMT",
      "Sun, 06 Nov 1994 08:60:37 GMT",
      "Sun, 06 Foo 1994 08:49:37 GMT",
      "Sun, 06 Nov 19x4 08:49:37 GMT",
      "Sun, 06 Nov 1994 08:49:37 UTC",
      "Sunday, 06-Nov-94 08:49:37 GMT",
      "Sun Nov  6 08:49:37 1994",
      "yesterday",
      ""})
  void givesNullWhereJavaTimeDid(String v) {
    assertNull(HttpDate.parse(v));
    assertNull(javaTime(v));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Sun, 6 Nov 1994 08:49:37 GMT", // a one-digit day, as java.time writes it
      "sun, 06 nov 1994 08:49:37 gmt", // other letter case
      "06 Nov 1994 08:49:37 GMT", // no day name
      "Sun, 06 Nov 1994 09:49:37 +0100"})
  void readsTheOtherFormsJavaTimeReads(String v) {
    assertNull(HttpDate.fixdate(v.trim()));
    assertEquals(RFC_EXAMPLE, HttpDate.parse(v));
  }

  @Test
  void absentIsNull() {
    assertNull(HttpDate.parse(null));
    assertNull(HttpDate.parse("   "));
  }
}
