package dev.hoard.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoard.testing.FakeClock;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacerTest {
  @ParameterizedTest(name = "{0} B/s, {1} sent after {2} ns -> wait {3} ns")
  @CsvSource({
      "1000,    0,    0,             0",
      "1000,    500,  0,             500000000",
      "1000,    500,  200000000,     300000000",
      "1000,    500,  900000000,     0",
      "2097152, 2097152, 1000000000, 0",
      "0,       9999, 0,             0",
  })
  void waitsUntilTheBytesSentAreDue(long rate, long sent, long elapsed, long wait) {
    assertEquals(wait, Pacer.waitNanos(rate, sent, elapsed));
  }

  @ParameterizedTest(name = "{0} B/s -> writes of {1}")
  @CsvSource({"2097152, 41943", "1000, 4096", "100000000, 65536", "0, 65536"})
  void writesAFiftiethOfASecondAtATimeWithinBounds(long rate, int chunk) {
    assertEquals(chunk, Pacer.chunk(rate));
  }

  @Test
  void sendsEveryByteInOrderTakingAsLongAsTheRateSays() throws Exception {
    byte[] body = Catalog.bytes(1, 100_000);
    FakeClock clock = new FakeClock();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new Pacer(10_000, clock).copy(body, 1_000, 50_000, out);

    byte[] expected = new byte[50_000];
    System.arraycopy(body, 1_000, expected, 0, 50_000);
    assertArrayEquals(expected, out.toByteArray());
    // 13 writes of at most 4 KiB: the last goes out once the 12 before it are due at 10 000 B/s
    long slept = clock.sleeps().stream().mapToLong(Duration::toNanos).sum();
    assertEquals(4096L * 12 * 100_000, slept);
  }
}
