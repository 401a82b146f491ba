package dev.hoard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExchangeTest {
  @ParameterizedTest(name = "{7}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      GET  | https://example.org/a.iso | null             | 200 | OK                  | 41   | null               | GET https://example.org/a.iso -> 200 OK (41 ms)
      GET  | https://example.org/a.iso | bytes=0-1048575  | 206 | Partial Content     | 12   | null               | GET https://example.org/a.iso Range: bytes=0-1048575 -> 206 Partial Content (12 ms)
      GET  | http://example.org/a      | bytes=0-         | 301 | Moved Permanently   | 3    | null               | GET http://example.org/a Range: bytes=0- -> 301 Moved Permanently (3 ms)
      GET  | http://127.0.0.1:9/a      | null             | 0   | null                | 1    | connection refused | GET http://127.0.0.1:9/a -> connection refused (1 ms)
      HEAD | https://example.org/      | null             | 204 | ''                  | 0    | null               | HEAD https://example.org/ -> 204 (0 ms)
      GET  | https://example.org/      | null             | 200 | '  Fine  '          | 7    | null               | GET https://example.org/ -> 200 Fine (7 ms)
      """)
  void showsMethodUrlRangeStatusAndTime(String method, String url, String range, int status, String reason, long ms,
      String error, String line) {
    assertEquals(line, new Exchange(method, url, range, status, reason, ms, error).line());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      OK\u001b[2J                | 200 OK\\x1b[2J
      Not\rFound                  | 200 Not Found
      """)
  void aReasonPhraseCannotDriveTheTerminal(String reason, String shown) {
    assertEquals("GET https://example.org/ -> " + shown + " (5 ms)",
        new Exchange("GET", "https://example.org/", null, 200, reason, 5, null).line());
  }
}
