package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.plan.Job;
import dev.hoard.plan.LineError;
import dev.hoard.plan.LinksFile;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoundTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private static Job job(int i) {
    return Job.listed(URI.create("http://site" + i + ".test/"), null, null);
  }

  private static CheckResult upResult(URI url) {
    return CheckResult.up(url, 200, 1);
  }

  @Test
  void resultsComeInListOrderWhateverFinishesFirst() throws InterruptedException {
    CountDownLatch lastDone = new CountDownLatch(1);
    Function<URI, CheckResult> check = url -> {
      if (url.equals(job(0).url())) {
        try {
          lastDone.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      if (url.equals(job(2).url())) lastDone.countDown();
      return upResult(url);
    };
    List<URI> seen = new ArrayList<>();
    new Round(check, pool, 8).run(List.of(job(0), job(1), job(2)).iterator(), r -> seen.add(r.url()), e -> { });
    assertEquals(List.of(job(0).url(), job(1).url(), job(2).url()), seen);
  }

  @Test
  void eachMirrorOfALineIsCheckedAsASiteOfItsOwn() throws InterruptedException {
    Job mirrored = Job.listed(List.of(job(0).url(), job(1).url(), job(2).url()), null, null);
    List<URI> seen = new ArrayList<>();
    Round.Tally tally = new Round(RoundTest::upResult, pool, 8).run(List.of(mirrored, job(3)).iterator(),
        r -> seen.add(r.url()), e -> { });
    assertEquals(List.of(job(0).url(), job(1).url(), job(2).url(), job(3).url()), seen);
    assertEquals(4, tally.up());
  }

  @Test
  void badLinesArePassedOnAndTheOtherLinesStillChecked() throws InterruptedException {
    LineError bad = new LineError("links.txt", 2, "not an http or https URL: 'ftp://x'");
    List<LinksFile.Entry> entries = List.of(job(0), bad, job(1));
    List<LineError> bads = new ArrayList<>();
    List<CheckResult> results = new ArrayList<>();
    Function<URI, CheckResult> check = url -> url.equals(job(1).url())
        ? CheckResult.down(url, 500, 1, "500 Server Error") : upResult(url);
    Round.Tally tally = new Round(check, pool, 8).run(entries.iterator(), results::add, bads::add);
    assertEquals(List.of(bad), bads);
    assertEquals(2, results.size());
    assertEquals(new Round.Tally(1, 1, 1), tally);
  }

  @Test
  void readsTheListNoFurtherAheadThanTheWindow() throws InterruptedException {
    int window = 3;
    List<CheckResult> handed = new ArrayList<>();
    List<Integer> handedWhenPulled = new ArrayList<>();
    Iterator<LinksFile.Entry> entries = new Iterator<>() {
      int next;

      @Override public boolean hasNext() {
        return next < 10;
      }

      @Override public LinksFile.Entry next() {
        handedWhenPulled.add(handed.size());
        return job(next++);
      }
    };
    new Round(RoundTest::upResult, pool, window).run(entries, handed::add, e -> { });
    assertEquals(10, handed.size());
    for (int i = 0; i < 10; i++) {
      // entry i is pulled only once no more than window - 1 earlier checks are still unhanded
      assertTrue(handedWhenPulled.get(i) >= i - window + 1, "entry " + i + " pulled too early: " + handedWhenPulled);
    }
  }

  @Test
  void anInterruptCancelsTheChecksStillRunning() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    Function<URI, CheckResult> hangs = url -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        cancelled.countDown();
      }
      return upResult(url);
    };
    Round round = new Round(hangs, pool, 4);
    Iterator<LinksFile.Entry> entries = new Iterator<>() {
      boolean given;

      @Override public boolean hasNext() {
        if (!given) return true;
        try {
          started.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        Thread.currentThread().interrupt();
        return false;
      }

      @Override public LinksFile.Entry next() {
        given = true;
        return job(0);
      }
    };
    assertThrows(InterruptedException.class, () -> round.run(entries, r -> { }, e -> { }));
    assertTrue(cancelled.await(10, TimeUnit.SECONDS), "the hanging check was not interrupted");
  }

  @Test
  void aCheckThatThrowsStillGivesItsSiteADownResult() throws InterruptedException {
    List<CheckResult> results = new ArrayList<>();
    new Round(url -> { throw new IllegalStateException("bug"); }, pool, 2)
        .run(List.of(job(0)).iterator(), results::add, e -> { });
    assertEquals(1, results.size());
    assertEquals(false, results.get(0).up());
    assertTrue(results.get(0).error().contains("bug"), results.get(0).error());
  }
}
