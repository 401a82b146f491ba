package dev.hoard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainReporterTest {
  @ParameterizedTest(name = "{0} ms: {1}")
  @CsvSource({
      "0,       attempt 2 of 6 in 0.0 s",
      "1500,    attempt 2 of 6 in 1.5 s",
      "9949,    attempt 2 of 6 in 9.9 s",
      "12000,   attempt 2 of 6 in 12 s",
      "3600000, attempt 2 of 6 in 3600 s",
  })
  void announcesARetryWithTheWaitBeforeIt(long millis, String tail) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    new PlainReporter(new PrintWriter(out), new PrintWriter(err), PlainReporter.Show.LINES)
        .retrying(7, "https://example.org/a.iso: 503 Service Unavailable", 2, 6, Duration.ofMillis(millis));
    assertEquals("hoard: https://example.org/a.iso: 503 Service Unavailable; " + tail + System.lineSeparator(),
        err.toString());
    assertEquals("", out.toString());
  }
}
