package dev.hoard.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoard.runtime.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HostPacerTest {
  static final Duration WAIT = Duration.ofSeconds(1);

  /** A clock that only moves when told, and a sleeper that records each sleep and moves the clock by it. */
  static final class FakeTime implements Clock {
    final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    boolean advanceOnSleep = true;

    @Override public long nanoTime() {
      return now.get();
    }

    @Override public void sleepNanos(long nanos) {
      sleeps.add(Duration.ofNanos(nanos));
      if (advanceOnSleep) now.addAndGet(nanos);
    }

    void advance(Duration d) {
      now.addAndGet(d.toNanos());
    }
  }

  final FakeTime time = new FakeTime();
  final HostPacer pacer = new HostPacer(WAIT, time);

  @Test
  void firstRequestToAHostGoesAtOnce() throws InterruptedException {
    pacer.await("h.test");

    assertEquals(List.of(), time.sleeps);
  }

  @Test
  void nextRequestWaitsWhatIsLeftOfTheWait() throws InterruptedException {
    pacer.await("h.test");
    time.advance(Duration.ofMillis(300));
    pacer.await("h.test");

    assertEquals(List.of(Duration.ofMillis(700)), time.sleeps);
  }

  @Test
  void requestAfterTheWaitHasPassedGoesAtOnce() throws InterruptedException {
    pacer.await("h.test");
    time.advance(Duration.ofMillis(1000));
    pacer.await("h.test");
    time.advance(Duration.ofSeconds(30));
    pacer.await("h.test");

    assertEquals(List.of(), time.sleeps);
  }

  @Test
  void backToBackRequestsStartOneWaitApart() throws InterruptedException {
    long t0 = time.nanoTime();
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pacer.await("h.test");
      starts.add(time.nanoTime() - t0);
    }

    assertEquals(List.of(0L, 1_000_000_000L, 2_000_000_000L, 3_000_000_000L), starts);
  }

  @Test
  void hostsDoNotWaitForEachOther() throws InterruptedException {
    pacer.await("a.test");
    pacer.await("b.test");
    pacer.await("c.test:8080");

    assertEquals(List.of(), time.sleeps);
  }

  @Test
  void hostNamesDifferingInCaseAreOneHost() throws InterruptedException {
    pacer.await("H.test");
    pacer.await("h.TEST");

    assertEquals(List.of(WAIT), time.sleeps);
  }

  @Test
  void zeroWaitNeverSleeps() throws InterruptedException {
    HostPacer none = new HostPacer(Duration.ZERO, time);
    for (int i = 0; i < 3; i++) none.await("h.test");

    assertEquals(List.of(), time.sleeps);
  }

  @Test
  void refusesANegativeWait() {
    assertThrows(IllegalArgumentException.class, () -> new HostPacer(Duration.ofMillis(-1), time));
  }

  @Test
  void anInterruptedCallerStillHoldsItsTurn() throws InterruptedException {
    Clock interruptFirst = new Clock() {
      boolean first = true;

      @Override public long nanoTime() {
        return time.nanoTime();
      }

      @Override public void sleepNanos(long nanos) throws InterruptedException {
        time.sleeps.add(Duration.ofNanos(nanos));
        if (first) {
          first = false;
          throw new InterruptedException();
        }
      }
    };
    HostPacer p = new HostPacer(WAIT, interruptFirst);

    p.await("h.test");
    assertThrows(InterruptedException.class, () -> p.await("h.test"));
    p.await("h.test");

    assertEquals(List.of(WAIT, WAIT.multipliedBy(2)), time.sleeps);
  }

  @Test
  @Timeout(10)
  void concurrentCallersForOneHostAreSpacedOneWaitApart() throws Exception {
    time.advanceOnSleep = false; // the clock stands still: each caller's sleep shows its place in the queue
    int callers = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        done.add(pool.submit(() -> {
          go.await();
          pacer.await("h.test");
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    List<Duration> sorted = new ArrayList<>(time.sleeps);
    Collections.sort(sorted);
    assertEquals(IntStream.range(1, callers).mapToObj(WAIT::multipliedBy).toList(), sorted);
  }
}
