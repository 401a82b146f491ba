package dev.hoard.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.chunk.Growth;
import dev.hoard.fetch.Http;
import dev.hoard.fetch.HttpSettings;
import dev.hoard.runtime.CpuLoad;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConcurrencyPolicyTest {
  private static final URI A = URI.create("http://a.example/file");
  private static final URI A_OTHER_FILE = URI.create("http://a.example/other");
  private static final URI B = URI.create("http://b.example/file");
  /** Room without end: only the growth rule itself bounds the connections. */
  private static final IntUnaryOperator AMPLE = held -> 64;

  @Test
  void autoConnectionsGrowOnlyToAFairShareOfTheHostCapAmongItsDownloads() throws Exception {
    try (Http http = new Http(new HttpSettings(Duration.ofSeconds(5), "t", 16, 64))) {
      ConcurrencyPolicy policy = new ConcurrencyPolicy(4, Connections.AUTO, 16);
      policy.watch(http);
      ConcurrencyPolicy.Registration first = policy.active(A);
      assertEquals(15, policy.room(A, 1), "alone on its host: the whole cap");

      ConcurrencyPolicy.Registration second = policy.active(A_OTHER_FILE);
      ConcurrencyPolicy.Registration elsewhere = policy.active(B);
      assertEquals(7, policy.room(A, 1), "two downloads from one host: 8 each");
      assertEquals(0, policy.room(A, 8));
      assertEquals(15, policy.room(B, 1), "another host's downloads do not count");

      second.close();
      assertEquals(15, policy.room(A, 1), "a finished download gives its share back");
      first.close();
      elsewhere.close();
    }
  }

  @Test
  void thePoolHoldsEveryJobsConnectionsAndAtLeastTheHostCap() {
    assertEquals(64, new ConcurrencyPolicy(4, Connections.AUTO, 16).poolSize());
    assertEquals(16, new ConcurrencyPolicy(4, Connections.of(2), 16).poolSize());
    assertEquals(80, new ConcurrencyPolicy(8, Connections.of(10), 16).poolSize());
  }

  @Test
  void aFileIsPlannedForItsFixedConnectionsOrTheMostAutoGives() {
    assertEquals(5, new ConcurrencyPolicy(1, Connections.of(5), 16).maxConnectionsPerFile());
    assertEquals(ConcurrencyPolicy.AUTO_MAX, new ConcurrencyPolicy(1, Connections.AUTO, 16).maxConnectionsPerFile());
  }

  @Test
  void fixedConnectionsStartAllAtOnceAndNeverGrow() {
    Growth growth = new ConcurrencyPolicy(1, Connections.of(5), 16).growth(held -> 0);

    assertEquals(5, growth.start(), "-x N starts N, whatever the room");
    assertEquals(0, growth.stepNanos(), "nothing to measure");
    assertEquals(0, growth.more(1.0));
    assertEquals(0, growth.more(100.0));
  }

  @Test
  void autoStartsEightOrOneMoreThanItsRoom() {
    assertEquals(8, auto(AMPLE).start());
    assertEquals(4, auto(held -> 3).start());
    assertEquals(1, auto(held -> 0).start(), "no room: the one connection a download always has");
    assertEquals(1, auto(held -> -2).start(), "past its share already: still one");
  }

  @Test
  void autoDoublesWhileTheLastDoublingBoughtFifteenPercentMoreUpToTheMost() {
    // room for one more at the start, then ample
    Growth growth = auto(held -> held < 2 ? 1 : 64);
    assertEquals(2, growth.start());
    assertEquals(ConcurrencyPolicy.AUTO_STEP_NANOS, growth.stepNanos());

    assertEquals(2, growth.more(1.0), "the first step has nothing to compare with: 2 -> 4");
    assertEquals(4, growth.more(1.2), "20% more: 4 -> 8");
    assertEquals(8, growth.more(1.4), "17% more: 8 -> 16");
    assertEquals(0, growth.more(5.0), "16 is the most");
  }

  @Test
  void autoStopsForGoodOnceADoublingBoughtLessThanFifteenPercent() {
    Growth growth = auto(held -> 1);
    assertEquals(2, growth.start());

    assertEquals(1, growth.more(1.0), "room for one more");
    assertEquals(1, growth.more(1.15), "exactly 15% more: 3 -> 4");
    assertEquals(0, growth.more(1.3), "13% more than 1.15: no more");
    assertEquals(0, growth.more(10.0), "settled: a later burst does not reopen it");
  }

  @Test
  void autoNeverOpensPastItsRoom() {
    int[] room = {2};
    Growth growth = auto(held -> room[0]);
    assertEquals(3, growth.start());

    assertEquals(2, growth.more(1.0), "room for two of the three a doubling wants");
    room[0] = 0;
    assertEquals(0, growth.more(2.0), "no room now");
    room[0] = 100;
    // nothing changed while there was no room: 2.1 is held against 1.0, the rate before the last doubling, not 2.0
    assertEquals(5, growth.more(2.1), "room again: 5 -> 10");
    assertEquals(6, growth.more(4.0), "10 -> 16, not 20");
    assertEquals(0, growth.more(8.0), "never past the most");
  }

  @Test
  void autoAsksItsRoomForTheConnectionsItHolds() {
    List<Integer> asked = new ArrayList<>();
    Growth growth = auto(held -> {
      asked.add(held);
      return 64;
    });
    growth.start();
    growth.more(1.0);
    growth.more(2.0);

    assertEquals(List.of(1, 8), asked, "its first connection, then the 8 it started; nothing once at the most");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void noMoreDownloadsThanJobsHoldASlotAtOnce() throws Exception {
    ConcurrencyPolicy policy = new ConcurrencyPolicy(2, Connections.AUTO, 16);
    assertEquals(2, policy.jobs(), "the outer pool's threads");
    policy.acquireSlot();
    policy.acquireSlot();

    AtomicBoolean third = new AtomicBoolean();
    Thread waiting = new Thread(() -> {
      try {
        policy.acquireSlot();
        third.set(true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    waiting.start();
    // the third download parks until a slot is given back (it would end at once with a slot free)
    while (waiting.getState() != Thread.State.WAITING) {
      assertNotEquals(Thread.State.TERMINATED, waiting.getState(), "a third download got a slot of two");
      Thread.onSpinWait();
    }
    assertFalse(third.get());

    policy.releaseSlot();
    waiting.join();
    assertTrue(third.get(), "a slot given back lets the next one start");
  }

  @Test
  void autoOpensNoMoreAfterAStepInWhichTheProcessorsWereBusyAndAsksAgainAfterTheNext() {
    double[] busy = {0.95};
    Growth growth = new ConcurrencyPolicy(1, Connections.AUTO, 16, () -> () -> busy[0]).growth(AMPLE);
    assertEquals(8, growth.start());

    assertEquals(0, growth.more(1.0), "95% busy: 8 more would share the same processors");
    assertEquals(0, growth.more(1.0), "still busy");
    busy[0] = 0.5;
    assertEquals(8, growth.more(1.0), "half the processors idle: 8 -> 16, the first doubling, nothing to compare with");
  }

  @Test
  void aBusyStepDoesNotSettleAutoNorDoesAnUnknownLoadStopIt() {
    double[] busy = {0.2};
    Growth growth = new ConcurrencyPolicy(1, Connections.AUTO, 16, () -> () -> busy[0]).growth(held -> held < 4 ? 2 : 64);
    assertEquals(3, growth.start());

    assertEquals(2, growth.more(1.0), "3 -> 5, room for two");
    busy[0] = 0.9;
    assertEquals(0, growth.more(2.0), "busy: no more, the gain is not judged yet");
    busy[0] = Double.NaN;
    // 1.2 against 1.0, the rate before the last doubling: 20% more, and a load not known does not hold it back
    assertEquals(5, growth.more(1.2), "5 -> 10");
    busy[0] = 0.85;
    assertEquals(6, growth.more(1.4), "exactly the bound is not past it: 10 -> 16");
  }

  @Test
  void autoMakesItsMeterOnlyWhenTheTransferStartsItsConnections() {
    int[] made = {0};
    Growth growth = new ConcurrencyPolicy(1, Connections.AUTO, 16, () -> {
      made[0]++;
      return CpuLoad.UNKNOWN;
    }).growth(AMPLE);
    assertEquals(0, made[0], "a file of one piece never starts connections: it reads no /proc/stat");
    growth.start();
    assertEquals(1, made[0]);
  }

  /** Auto with a load never known: only the rate and the room decide, whatever this machine is doing. */
  private static Growth auto(IntUnaryOperator room) {
    return new ConcurrencyPolicy(1, Connections.AUTO, 16, () -> CpuLoad.UNKNOWN).growth(room);
  }
}
