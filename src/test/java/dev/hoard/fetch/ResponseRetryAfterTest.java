package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Retry-After} as {@link Response#retryAfter} reads it, at a fixed now. */
class ResponseRetryAfterTest {
  private static final ZonedDateTime NOW =
      ZonedDateTime.parse("Wed, 21 Oct 2015 07:28:00 GMT", DateTimeFormatter.RFC_1123_DATE_TIME);

  @ParameterizedTest(name = "''{0}'' -> {1} s")
  @CsvSource(delimiter = '|', textBlock = """
      120                              | 120
      0                                | 0
      1                                | 1
      '  30  '                         | 30
      86400                            | 86400
      -5                               | 0
      -0                               | 0
      Wed, 21 Oct 2015 07:30:00 GMT    | 120
      Wed, 21 Oct 2015 08:28:00 GMT    | 3600
      Thu, 22 Oct 2015 07:28:00 GMT    | 86400
      Wed, 21 Oct 2015 07:28:00 GMT    | 0
      Wed, 21 Oct 2015 07:27:59 GMT    | 0
      Tue, 20 Oct 2015 07:28:00 GMT    | 0
      Mon, 1 Jan 1990 00:00:00 GMT     | 0
      """)
  void readsSecondsOrAnHttpDateAndNeverWaitsANegativeTime(String value, long seconds) {
    assertEquals(Duration.ofSeconds(seconds), Response.retryAfter(value, NOW));
  }

  @ParameterizedTest(name = "''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {
      "   ",
      "soon",
      "1.5",
      "1e3",
      "120s",
      "+",
      "99999999999999999999",
      "2015-10-21T07:30:00Z",
      "21 Oct 2015 07:30",
      "Wed, 21 Oct 2015",
  })
  void anAbsentOrUnreadableValueIsNull(String value) {
    assertNull(Response.retryAfter(value, NOW));
  }
}
