package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchTest {
  private static final long S = 1_000_000_000L;
  private final StringWriter err = new StringWriter();

  private Watch watch(FakeClock ticker, Duration every) {
    return new Watch(ticker, every, new PrintWriter(err, true));
  }

  @Test
  void roundsStartOnScheduleHoweverLongEachTakes() {
    FakeClock ticker = new FakeClock(0).stopAfter(3);
    List<Long> starts = new ArrayList<>();
    List<Long> rounds = new ArrayList<>();
    assertThrows(InterruptedException.class, () -> watch(ticker, Duration.ofSeconds(10)).run(n -> {
      starts.add(ticker.nanoTime());
      rounds.add(n);
      ticker.advance(Duration.ofSeconds(n * 3));
    }));
    assertEquals(List.of(0L, 10 * S, 20 * S), starts);
    assertEquals(List.of(1L, 2L, 3L), rounds);
    assertEquals("", err.toString());
  }

  @Test
  void aRoundThatOverrunsItsSlotIsReportedAndTheNextStartsAtTheNextSlotAhead() {
    FakeClock ticker = new FakeClock(0).stopAfter(2);
    List<Long> starts = new ArrayList<>();
    assertThrows(InterruptedException.class, () -> watch(ticker, Duration.ofSeconds(10)).run(n -> {
      starts.add(ticker.nanoTime());
      if (n == 1) ticker.advance(Duration.ofSeconds(25));
    }));
    assertEquals(List.of(0L, 30 * S), starts);
    assertEquals("hoard: round 1 took 25.0 s, more than the 10.0 s between rounds; skipping 2 rounds",
        err.toString().strip());
  }

  @Test
  void aRoundEndingExactlyOnTheNextSlotIsOnTime() {
    FakeClock ticker = new FakeClock(0).stopAfter(2);
    List<Long> starts = new ArrayList<>();
    assertThrows(InterruptedException.class, () -> watch(ticker, Duration.ofSeconds(10)).run(n -> {
      starts.add(ticker.nanoTime());
      ticker.advance(Duration.ofSeconds(10));
    }));
    assertEquals(List.of(0L, 10 * S), starts);
    assertEquals("", err.toString());
  }

  @Test
  void anInterruptDuringARoundEndsTheWatchBeforeTheNextOne() {
    FakeClock ticker = new FakeClock(0);
    List<Long> rounds = new ArrayList<>();
    assertThrows(InterruptedException.class, () -> watch(ticker, Duration.ofSeconds(10)).run(n -> {
      rounds.add(n);
      Thread.currentThread().interrupt();
    }));
    assertEquals(List.of(1L), rounds);
    assertTrue(ticker.wakeups().size() <= 1);
  }
}
