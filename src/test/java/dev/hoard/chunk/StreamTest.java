package dev.hoard.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One plain stream into the file, against an in-memory body and a clock that moves only when told. */
class StreamTest {
  private final RateLimiterTest.FakeClock clock = new RateLimiterTest.FakeClock(0);
  private final RateLimiter unlimited = new RateLimiter(0, clock);
  private final AtomicLong progress = new AtomicLong();

  @Test
  void copiesTheBodyInOrderFromOffsetZero() throws IOException {
    byte[] data = content(300_001);
    TransferTest.MemorySink sink = new TransferTest.MemorySink(data.length);

    long copied = Stream.copy(new ByteArrayInputStream(data), sink, unlimited, clock, Duration.ofSeconds(1), -1,
        progress::addAndGet, () -> false);

    assertEquals(data.length, copied);
    assertEquals(data.length, progress.get());
    assertArrayEquals(data, sink.bytes);
  }

  @Test
  void aBodyThatTricklesLessThan1KiBPerTimeoutWindowIsStalled() {
    byte[] data = content(100_000);
    TransferTest.MemorySink sink = new TransferTest.MemorySink(data.length);
    // 100 bytes every 200 ms: 500 bytes in the 1 s window
    InputStream trickle = new Trickle(data, 100, 200);

    SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> Stream.copy(trickle, sink, unlimited,
        clock, Duration.ofSeconds(1), -1, progress::addAndGet, () -> false));

    assertTrue(e.getMessage().contains("stalled"), e.getMessage());
    assertEquals(500, progress.get());
  }

  @Test
  void aBodyThatKeepsAbove1KiBPerTimeoutWindowIsNotStalled() throws IOException {
    byte[] data = content(20_000);
    TransferTest.MemorySink sink = new TransferTest.MemorySink(data.length);
    // 300 bytes every 200 ms: 1500 bytes in each 1 s window
    InputStream slow = new Trickle(data, 300, 200);

    long copied = Stream.copy(slow, sink, unlimited, clock, Duration.ofSeconds(1), -1, progress::addAndGet,
        () -> false);

    assertEquals(data.length, copied);
    assertArrayEquals(data, sink.bytes);
  }

  @Test
  void refusesABodyLargerThanMaxFileSizeBeforeWritingPastIt() {
    byte[] data = content(200_000);
    TransferTest.MemorySink sink = new TransferTest.MemorySink(data.length);

    assertThrows(Stream.TooLargeException.class, () -> Stream.copy(new ByteArrayInputStream(data), sink, unlimited,
        clock, Duration.ofSeconds(1), 100_000, progress::addAndGet, () -> false));

    assertTrue(progress.get() <= 100_000, "wrote " + progress.get() + " bytes");
    byte[] tail = Arrays.copyOfRange(sink.bytes, 100_000, data.length);
    assertArrayEquals(new byte[tail.length], tail, "nothing past --max-filesize was written");
  }

  @Test
  void stopsWhenTheRunIsStopped() {
    byte[] data = content(200_000);
    TransferTest.MemorySink sink = new TransferTest.MemorySink(data.length);

    IOException e = assertThrows(IOException.class, () -> Stream.copy(new ByteArrayInputStream(data), sink, unlimited,
        clock, Duration.ofSeconds(1), -1, progress::addAndGet, () -> true));

    assertEquals("stopped", e.getMessage());
  }

  private static byte[] content(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** Returns at most {@code chunk} bytes per read, each read taking {@code millis} on the fake clock. */
  private final class Trickle extends InputStream {
    private final ByteArrayInputStream in;
    private final int chunk;
    private final long millis;

    Trickle(byte[] data, int chunk, long millis) {
      this.in = new ByteArrayInputStream(data);
      this.chunk = chunk;
      this.millis = millis;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      clock.now += millis * 1_000_000;
      return in.read(b, off, Math.min(len, chunk));
    }
  }
}
