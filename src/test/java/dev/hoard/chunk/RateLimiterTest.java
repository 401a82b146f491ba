package dev.hoard.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.runtime.Clock;
import java.io.InterruptedIOException;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long MIB = 1 << 20;

  /** Time that moves only when someone sleeps. */
  static final class FakeClock implements Clock {
    long now;
    long slept;

    FakeClock(long start) {
      now = start;
    }

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
      slept += nanos;
    }
  }

  @Test
  void withoutACapNothingEverWaits() {
    FakeClock clock = new FakeClock(0);
    RateLimiter limiter = new RateLimiter(0, clock);
    for (int i = 0; i < 1000; i++) assertEquals(0, limiter.reserve(clock.now, 1 << 30));
    assertTrue(limiter.unlimited());
  }

  @Test
  void oneStreamGetsTheCapOverSimulatedSeconds() throws Exception {
    FakeClock clock = new FakeClock(123_456_789L);
    long start = clock.now;
    RateLimiter limiter = new RateLimiter(MIB, clock);
    long bytes = 0;
    while (clock.now - start < 5 * SECOND) {
      limiter.take(16 * 1024);
      bytes += 16 * 1024;
    }
    assertWithin(5 * MIB, bytes, 0.01);
  }

  /**
   * Eight streams read whenever they like (random sizes, fixed seed) and each waits what {@code reserve} says: the
   * bytes delivered in five simulated seconds are the cap's, whatever the mix, within one burst.
   */
  @Test
  void manyStreamsShareOneCap() {
    long rate = 3 * MIB;
    long start = -7 * SECOND;
    RateLimiter limiter = new RateLimiter(rate, new FakeClock(start));
    Random random = new Random(7);
    // each stream is ready to read again at the time in its entry
    PriorityQueue<long[]> ready = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    for (int s = 0; s < 8; s++) ready.add(new long[] {start + random.nextInt(1_000_000)});
    long delivered = 0;
    long end = start + 5 * SECOND;
    while (true) {
      long[] stream = ready.poll();
      long now = stream[0];
      long n = 1 + random.nextInt(64 * 1024);
      long at = now + limiter.reserve(now, n);
      if (at > end) break;
      delivered += n;
      ready.add(new long[] {at});
    }
    assertWithin(5 * rate, delivered, 0.03);
  }

  @Test
  void afterAnIdleSpellOnlyABurstOfATenthOfASecondPassesWithoutWaiting() {
    long rate = 10 * MIB;
    FakeClock clock = new FakeClock(0);
    RateLimiter limiter = new RateLimiter(rate, clock);
    long now = 60 * SECOND;
    long free = 0;
    while (limiter.reserve(now, 1024) == 0) free += 1024;
    assertWithin(rate / 10, free, 0.01);
  }

  @Test
  void theBurstDoesNotGrowWithALongerIdleSpell() {
    long rate = 5 * MIB;
    long afterASecond = freeBytesAfterIdle(rate, SECOND);
    long afterAnHour = freeBytesAfterIdle(rate, 3600 * SECOND);
    assertEquals(afterASecond, afterAnHour);
  }

  @Test
  void aSmallCapStillLetsOneWholeReadThrough() {
    // a tenth of a second of 1000 B/s is 100 bytes; the burst is at least one 16 KiB read
    long free = freeBytesAfterIdle(1000, 3600 * SECOND);
    assertWithin(16 * 1024, free, 0.07);
  }

  @Test
  void waitsInProportionToTheBytesTaken() {
    RateLimiter limiter = new RateLimiter(1000, new FakeClock(0));
    assertEquals(SECOND / 2, limiter.reserve(0, 500));
    assertEquals(SECOND, limiter.reserve(0, 500));
    assertEquals(SECOND, limiter.reserve(SECOND / 2, 500));
  }

  @Test
  void aVeryHighCapNeverSlowsAStreamFarBelowIt() throws Exception {
    // 100 GiB/s: a 64 KiB read every millisecond is 64 MiB/s, a thousandth of the cap
    FakeClock clock = new FakeClock(0);
    RateLimiter limiter = new RateLimiter(100L << 30, clock);
    for (int i = 0; i < 1000; i++) {
      limiter.take(64 * 1024);
      clock.now += 1_000_000;
    }
    assertTrue(clock.slept < 1_000_000, "slept " + clock.slept + " ns under a cap 1000 times the traffic");
  }

  @Test
  void anInterruptedWaitThrowsAndKeepsTheInterrupt() {
    Clock interrupted = new Clock() {
      @Override
      public long nanoTime() {
        return 0;
      }

      @Override
      public void sleepNanos(long nanos) throws InterruptedException {
        throw new InterruptedException();
      }
    };
    RateLimiter limiter = new RateLimiter(1000, interrupted);
    try {
      assertThrows(InterruptedIOException.class, () -> limiter.take(5000));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void rejectsANegativeCap() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1, new FakeClock(0)));
  }

  private static long freeBytesAfterIdle(long rate, long idle) {
    RateLimiter limiter = new RateLimiter(rate, new FakeClock(0));
    long free = 0;
    while (limiter.reserve(idle, 1024) == 0) free += 1024;
    return free;
  }

  private static void assertWithin(long expected, long actual, double fraction) {
    double off = Math.abs(actual - expected) / (double) expected;
    assertTrue(off <= fraction, "expected " + expected + " within " + (fraction * 100) + "%, got " + actual + " ("
        + String.format("%.2f", off * 100) + "% off)");
  }
}
