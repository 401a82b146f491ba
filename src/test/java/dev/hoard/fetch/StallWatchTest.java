package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StallWatchTest {
  private static final long MS = 1_000_000;
  private final StallWatch watch = new StallWatch(Duration.ofSeconds(1));

  @Test
  void lessThan1KiBWhileWaitingAWholeTimeoutIsAStall() throws SocketTimeoutException {
    // 100 bytes every 200 ms: 500 bytes in the 1 s window
    for (int i = 0; i < 4; i++) watch.read(200 * MS, 100);
    SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> watch.read(200 * MS, 100));
    assertTrue(e.getMessage().contains("stalled: less than 1 KiB in 1000 ms"), e.getMessage());
  }

  @Test
  void aSlowConnectionAbove1KiBPerWindowIsNotStalled() {
    // 300 bytes every 200 ms: 1500 bytes in each window, for a minute
    assertDoesNotThrow(() -> {
      for (int i = 0; i < 300; i++) watch.read(200 * MS, 300);
    });
  }

  @Test
  void timeNotSpentWaitingOnTheServerDoesNotCount() {
    // the reader is paced by --limit-rate: each read returns at once with 256 bytes, far apart in wall time; only
    // the waits inside the reads count, and they are short
    assertDoesNotThrow(() -> {
      for (int i = 0; i < 10_000; i++) watch.read(1000, 256);
    });
  }

  @Test
  void aNewRequestStartsAFreshWindow() throws SocketTimeoutException {
    watch.read(900 * MS, 10);
    watch.reset();
    watch.read(900 * MS, 10);
    assertThrows(SocketTimeoutException.class, () -> watch.read(200 * MS, 10));
  }

  @Test
  void theEndOfTheStreamCountsItsWaitButNoBytes() throws SocketTimeoutException {
    watch.read(500 * MS, 100);
    assertThrows(SocketTimeoutException.class, () -> watch.read(600 * MS, -1));
  }
}
