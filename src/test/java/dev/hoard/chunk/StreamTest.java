package dev.hoard.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One plain stream into the file, against an in-memory body. */
class StreamTest {
  private final RateLimiterTest.FakeClock clock = new RateLimiterTest.FakeClock(0);
  private final RateLimiter unlimited = new RateLimiter(0, clock);
  private final AtomicLong progress = new AtomicLong();

  @Test
  void copiesTheBodyInOrderFromOffsetZero() throws IOException {
    byte[] data = content(300_001);
    TransferTest.MemorySink sink = new TransferTest.MemorySink(data.length);

    long copied = Stream.copy(new ByteArrayInputStream(data), sink, unlimited, Long.MAX_VALUE,
        progress::addAndGet, () -> false);

    assertEquals(data.length, copied);
    assertEquals(data.length, progress.get());
    assertArrayEquals(data, sink.bytes);
  }

  @Test
  void refusesABodyLargerThanMaxFileSizeBeforeWritingPastIt() {
    byte[] data = content(200_000);
    TransferTest.MemorySink sink = new TransferTest.MemorySink(data.length);

    assertThrows(Stream.TooLargeException.class, () -> Stream.copy(new ByteArrayInputStream(data), sink, unlimited,
        100_000, progress::addAndGet, () -> false));

    assertTrue(progress.get() <= 100_000, "wrote " + progress.get() + " bytes");
    byte[] tail = Arrays.copyOfRange(sink.bytes, 100_000, data.length);
    assertArrayEquals(new byte[tail.length], tail, "nothing past --max-filesize was written");
  }

  @Test
  void stopsWhenTheRunIsStopped() {
    byte[] data = content(200_000);
    TransferTest.MemorySink sink = new TransferTest.MemorySink(data.length);

    IOException e = assertThrows(IOException.class, () -> Stream.copy(new ByteArrayInputStream(data), sink, unlimited,
        Long.MAX_VALUE, progress::addAndGet, () -> true));

    assertEquals("stopped", e.getMessage());
  }

  private static byte[] content(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
