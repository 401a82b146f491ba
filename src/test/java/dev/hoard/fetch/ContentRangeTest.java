package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentRangeTest {
  @ParameterizedTest(name = "''{0}''")
  @CsvSource(delimiter = '|', textBlock = """
      bytes 0-99/100                  | 0          | 99          | 100
      bytes 100-199/1000              | 100        | 199         | 1000
      bytes 0-0/1                     | 0          | 0           | 1
      bytes 999-999/1000              | 999        | 999         | 1000
      bytes 0-99/*                    | 0          | 99          | -1
      bytes 5000-5999/*               | 5000       | 5999        | -1
      BYTES 0-9/10                    | 0          | 9           | 10
      Bytes 0-9/10                    | 0          | 9           | 10
      '  bytes 0-9/10  '              | 0          | 9           | 10
      'bytes   0-9/10'                | 0          | 9           | 10
      bytes 0-4294967296/4294967297   | 0          | 4294967296  | 4294967297
      """)
  void parsesFirstLastAndTotal(String header, long first, long last, long total) {
    assertEquals(new ContentRange(first, last, total), ContentRange.parse(header));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {
      "bytes",
      "bytes 0-99",
      "bytes 0-99/",
      "bytes */100",
      "bytes */*",
      "items 0-99/100",
      "bytes=0-99/100",
      "bytes0-99/100",
      "bytes 0-/100",
      "bytes -5-99/100",
      "bytes 0-99/100 trailing",
      "bytes 0-99/100, bytes 200-299/1000",
      "bytes 0-99/abc",
      "bytes 0x10-0x20/100",
      "bytes ٠-٩/١٠",
      "bytes 0-99999999999999999999/*",
  })
  void malformedIsNull(String header) {
    assertNull(ContentRange.parse(header));
  }

  @ParameterizedTest(name = "''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void absentIsNull(String header) {
    assertNull(ContentRange.parse(header));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"bytes 99-0/100", "bytes 10-9/100", "bytes 10-9/*"})
  void aLastBeforeTheFirstIsNull(String header) {
    assertNull(ContentRange.parse(header));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"bytes 0-100/100", "bytes 0-99/99", "bytes 100-100/100", "bytes 0-0/0"})
  void aLastAtOrPastTheTotalIsNull(String header) {
    assertNull(ContentRange.parse(header));
  }
}
