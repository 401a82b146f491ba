package dev.hoard.check;

import dev.hoard.fetch.Failure;
import dev.hoard.plan.Job;
import dev.hoard.plan.LineError;
import dev.hoard.plan.LinksFile;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One pass over a list: checks its URLs on the pool, at most {@code window} started ahead of the oldest unfinished
 * one, and hands the results on in list order, so output is the same from run to run whatever answers first.
 */
final class Round {
  /** What a pass found. */
  record Tally(int up, int down, int badLines) {}

  private final Function<URI, CheckResult> check;
  private final ExecutorService pool;
  private final int window;

  /**
   * @param check one check of one URL; it must not throw
   * @param window how many checks may be queued or running at once, including finished ones not yet handed on
   */
  Round(Function<URI, CheckResult> check, ExecutorService pool, int window) {
    if (window < 1) throw new IllegalArgumentException("window must be >= 1: " + window);
    this.check = check;
    this.pool = pool;
    this.window = window;
  }

  /**
   * Checks every job of {@code entries}, reading it only as far as the window needs, and passes each result to
   * {@code onResult} and each bad line to {@code onBadLine}, both on the calling thread.
   *
   * @throws InterruptedException when the calling thread is interrupted; checks not yet handed on are cancelled
   */
  Tally run(Iterator<? extends LinksFile.Entry> entries, Consumer<CheckResult> onResult, Consumer<LineError> onBadLine)
      throws InterruptedException {
    Deque<Pending> pending = new ArrayDeque<>();
    int[] upDown = new int[2];
    Consumer<CheckResult> handOn = r -> {
      upDown[r.up() ? 0 : 1]++;
      onResult.accept(r);
    };
    int bad = 0;
    // a site listed twice is checked, reported and notified once, as a watch's rounds have it
    Set<String> seen = new HashSet<>();
    try {
      while (true) {
        // room first, so the list is read no further ahead than the window
        while (pending.size() >= window) handOn.accept(oldest(pending));
        // a stop while lines that start no check are read (duplicates, bad lines) ends the round too
        if (Thread.interrupted()) throw new InterruptedException("stopped");
        if (!entries.hasNext()) break;
        LinksFile.Entry entry = entries.next();
        if (entry instanceof LineError error) {
          bad++;
          onBadLine.accept(error);
        } else {
          // each mirror of a line is a site of its own
          for (URI url : ((Job) entry).urls()) {
            if (seen.add(url.toString())) pending.addLast(new Pending(url, pool.submit(() -> check.apply(url))));
          }
        }
      }
      while (!pending.isEmpty()) handOn.accept(oldest(pending));
    } finally {
      pending.forEach(p -> p.future.cancel(true));
    }
    return new Tally(upDown[0], upDown[1], bad);
  }

  /** Waits for the oldest check and takes it off the queue, leaving it there to be cancelled if interrupted. */
  private static CheckResult oldest(Deque<Pending> pending) throws InterruptedException {
    CheckResult r = pending.getFirst().await();
    pending.removeFirst();
    return r;
  }

  private record Pending(URI url, Future<CheckResult> future) {
    CheckResult await() throws InterruptedException {
      try {
        return future.get();
      } catch (ExecutionException e) {
        // a check is written not to throw; if one did, the site still gets a line
        return CheckResult.down(url, 0, 0, Failure.describe(e.getCause()));
      }
    }
  }
}
