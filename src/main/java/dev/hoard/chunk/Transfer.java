package dev.hoard.chunk;

import dev.hoard.runtime.Clock;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * One file's inner pool: runs {@link PieceWorker}s over a {@link PieceTable} until the file is whole, a piece fails
 * for good, or the run is stopped. It measures what each step of its {@link Growth} wrote, and opens the connections
 * the growth asks for.
 */
public final class Transfer {
  /**
   * What one transfer needs from its surroundings: the {@code sources} its connections fetch from (one server, or the
   * mirrors of the file).
   */
  public record Setup(Sources sources, Sink sink, RateLimiter limiter, Clock clock, LongConsumer progress,
      IntConsumer pieces, ExecutorService workers) {}

  /** How a transfer ended. */
  public enum End { COMPLETE, FAILED, STOPPED }

  private final PieceTable table;
  private final Setup setup;
  private final AtomicReference<IOException> failure = new AtomicReference<>();
  private final Set<Source.Body> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger running = new AtomicInteger();
  private final Object done = new Object();
  private volatile boolean stopped;

  public Transfer(PieceTable table, Setup setup) {
    this.table = table;
    this.setup = setup;
  }

  /**
   * Runs the pool and waits for it. {@code firstBody}, when not null, is an open response streaming bytes from the
   * first missing byte on (the probe), and becomes the first worker's first piece.
   *
   * @param growth how many connections to start with, and how many more after each step
   */
  public End run(Source.Body firstBody, Growth growth) throws InterruptedException {
    if (table.pieceCount() <= 1 && !table.splittable()) {
      // one piece too small to share: this thread fetches it, no pool thread is worth starting
      if (firstBody != null) open.add(firstBody);
      PieceTable.Piece first = firstBody == null ? null : table.checkoutFirst();
      new PieceWorker(this, first, firstBody, table.length()).run();
      return outcome();
    }
    // the first step counts from before the connections open: the time they take to open is part of it
    long step = growth.stepNanos();
    long lastBytes = table.written();
    long lastTime = setup.clock().nanoTime();
    int target = growth.start();
    int started = 0;
    if (firstBody != null) {
      open.add(firstBody);
      PieceTable.Piece first = table.checkoutFirst();
      start(new PieceWorker(this, first, firstBody, table.length()));
      started++;
    }
    for (; started < target; started++) start(new PieceWorker(this, null, null, 0));
    // a transfer that never grows wakes only when a worker ends
    long wait = step == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(step));
    synchronized (done) {
      while (running.get() > 0) {
        done.wait(wait);
        long now = setup.clock().nanoTime();
        if (step == 0 || stopped || running.get() == 0 || now - lastTime < step) continue;
        long written = table.written();
        int more = growth.more((written - lastBytes) / (double) (now - lastTime));
        lastBytes = written;
        lastTime = now;
        for (int i = 0; i < more; i++) start(new PieceWorker(this, null, null, 0));
      }
    }
    return outcome();
  }

  private End outcome() {
    if (stopped && failure.get() == null && !table.complete()) return End.STOPPED;
    if (failure.get() != null) return End.FAILED;
    return table.complete() ? End.COMPLETE : End.FAILED;
  }

  private void start(PieceWorker worker) {
    setup.pieces().accept(running.incrementAndGet());
    setup.workers().execute(() -> {
      try {
        worker.run();
      } catch (RuntimeException e) {
        fail(new IOException("internal error: " + e, e));
      } finally {
        synchronized (done) {
          setup.pieces().accept(running.decrementAndGet());
          done.notifyAll();
        }
      }
    });
  }

  /** The failure that ended the transfer, or null. */
  public IOException failure() {
    return failure.get();
  }

  /** Stops every worker now; open responses are dropped so no read blocks. */
  public void stop() {
    stopped = true;
    for (Source.Body b : open) b.abort();
  }

  public PieceTable table() {
    return table;
  }

  boolean stopped() {
    return stopped;
  }

  void fail(IOException e) {
    if (failure.compareAndSet(null, e)) stop();
  }

  Sources sources() {
    return setup.sources();
  }

  Sink sink() {
    return setup.sink();
  }

  RateLimiter limiter() {
    return setup.limiter();
  }

  Clock clock() {
    return setup.clock();
  }

  void progress(long n) {
    setup.progress().accept(n);
  }

  Source.Body open(Source source, long start, long end) throws IOException {
    Source.Body b = source.open(start, end);
    open.add(b);
    if (stopped) {
      drop(b);
      throw new IOException("stopped");
    }
    return b;
  }

  void finish(Source.Body b) {
    open.remove(b);
    b.close();
  }

  void drop(Source.Body b) {
    open.remove(b);
    b.abort();
  }

  /** Waits before a retry; false when the transfer was stopped meanwhile. */
  boolean pause(Duration wait) {
    long deadline = setup.clock().nanoTime() + wait.toNanos();
    try {
      while (!stopped) {
        long left = deadline - setup.clock().nanoTime();
        if (left <= 0) return true;
        setup.clock().sleepNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
