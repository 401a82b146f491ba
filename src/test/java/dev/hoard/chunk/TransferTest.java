package dev.hoard.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.runtime.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The inner pool against an in-memory file: no sockets, and time only moves when a test moves it. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TransferTest {
  private static final int K = 64 * 1024;

  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final FakeClock clock = new FakeClock();
  private final AtomicLong progress = new AtomicLong();

  @AfterEach
  void stopWorkers() {
    workers.shutdownNow();
  }

  @Test
  void writesEveryPieceAtItsOffset() throws Exception {
    byte[] data = content(1_000_003);
    MemorySource source = new MemorySource(data);
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = transfer(new PieceTable(data.length, 8, 16 * 1024), source, sink);

    assertEquals(Transfer.End.COMPLETE, transfer.run(null, Growth.fixed(8)));

    assertArrayEquals(data, sink.bytes);
    assertEquals(data.length, progress.get());
    assertTrue(source.opened().size() >= 8, "one request per piece at least: " + source.show());
  }

  @Test
  void aConnectionWhoseSourceFailsForGoodGoesOnFromTheOtherWithItsPiece() throws Exception {
    byte[] data = content(4 * K);
    MemorySource good = new MemorySource(data);
    MemorySource dead = new MemorySource(data);
    dead.fault = (start, end, attempt) -> {
      throw new java.net.ConnectException("Connection refused");
    };
    List<String> replaced = new ArrayList<>();
    // the good source answers only once the dead one was given up: else the good connections could take every piece
    // before a dead one asks for its first, and the case would not be tried
    CountDownLatch deadGivenUp = new CountDownLatch(1);
    good.fault = (start, end, attempt) -> {
      try {
        deadGivenUp.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
      return null;
    };
    // two sources handed out in turn; the dead one is dropped at its first failure for good
    Sources two = new Sources() {
      private final java.util.Deque<Source> turns = new java.util.ArrayDeque<>(List.of(good, dead, good, dead));
      private boolean deadDropped;

      @Override
      public synchronized Source assign() {
        Source s = turns.isEmpty() ? good : turns.poll();
        return s == dead && deadDropped ? good : s;
      }

      @Override
      public void unassign(Source source) {}

      @Override
      public synchronized Source replace(Source source, IOException failure) {
        replaced.add(failure.getMessage());
        deadDropped = true;
        deadGivenUp.countDown();
        return source == dead ? good : null;
      }
    };
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = new Transfer(new PieceTable(data.length, 4, K), new Transfer.Setup(two, sink,
        new RateLimiter(0, clock), clock, progress::addAndGet, n -> { }, workers));

    assertEquals(Transfer.End.COMPLETE, transfer.run(null, Growth.fixed(4)));

    assertArrayEquals(data, sink.bytes);
    assertFalse(replaced.isEmpty(), "the dead source was never given up");
    for (long[] r : dead.opened()) {
      assertTrue(good.opened().stream().anyMatch(g -> g[0] == r[0]), "its piece went on from the good one: "
          + good.show() + " / dead: " + dead.show());
    }
  }

  @Test
  void theProbeBodyBecomesTheFirstPieceWithoutAnotherRequestForIt() throws Exception {
    byte[] data = content(4 * K);
    MemorySource source = new MemorySource(data);
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = transfer(new PieceTable(data.length, 4, K), source, sink);

    assertEquals(Transfer.End.COMPLETE, transfer.run(new MemoryBody(data, 0, data.length), Growth.fixed(4)));

    assertArrayEquals(data, sink.bytes);
    for (long[] r : source.opened()) assertTrue(r[0] > 0, "asked again for bytes the probe streams: " + source.show());
  }

  @Test
  void aPieceThatBreaksIsRetriedAloneFromItsLastWrittenByte() throws Exception {
    byte[] data = content(4 * K);
    MemorySource source = new MemorySource(data);
    source.fault = (start, end, attempt) ->
        start == 2 * K && attempt == 1 ? new MemoryBody(data, start, end, 1000) : null;
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = transfer(new PieceTable(data.length, 4, K), source, sink);

    assertEquals(Transfer.End.COMPLETE, transfer.run(null, Growth.fixed(4)));

    assertArrayEquals(data, sink.bytes);
    assertEquals(1, source.count(2 * K), source.show());
    assertEquals(1, source.count(2 * K + 1000), "the retry starts where the bytes stopped: " + source.show());
    for (long start : new long[] {0, K, 3 * K}) assertEquals(1, source.count(start), source.show());
  }

  @Test
  void aConnectionThatKeepsBreakingAfterAMebibyteOrMoreIsFlakyNotDeadSoItsRetriesStartOver() throws Exception {
    byte[] data = content(8 << 20);
    MemorySource source = new MemorySource(data);
    // every connection dies after 1.25 MiB: seven attempts, more than the source's three retries allow in a row
    source.fault = (start, end, attempt) -> new MemoryBody(data, start, end, 5 << 18);
    MemorySink sink = new MemorySink(data.length);

    assertEquals(Transfer.End.COMPLETE, transfer(new PieceTable(data.length, 1, 1 << 20), source, sink)
        .run(null, Growth.fixed(1)));
    assertArrayEquals(data, sink.bytes);
  }

  @Test
  void aConnectionThatBreaksAfterAFewBytesEveryTimeRunsOutOfRetries() throws Exception {
    byte[] data = content(6 << 20);
    MemorySource source = new MemorySource(data);
    source.fault = (start, end, attempt) -> new MemoryBody(data, start, end, 1000);
    MemorySink sink = new MemorySink(data.length);

    assertEquals(Transfer.End.FAILED, transfer(new PieceTable(data.length, 1, 1 << 20), source, sink)
        .run(null, Growth.fixed(1)));
    assertEquals(4, source.opened().size(), "the first attempt and three retries: " + source.show());
  }

  @Test
  void aResponseThatEndsWhereItSaidShortOfThePieceIsNoFailure() throws Exception {
    byte[] data = content(K);
    MemorySource source = new MemorySource(data);
    source.retryWait = null;
    // a server that answers with at most 1000 bytes, saying so in its Content-Range
    source.fault = (start, end, attempt) -> start == 0 ? new MemoryBody(data, 0, 1000) : null;
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = transfer(new PieceTable(data.length, 1, K), source, sink);

    assertEquals(Transfer.End.COMPLETE, transfer.run(null, Growth.fixed(1)), String.valueOf(transfer.failure()));

    assertArrayEquals(data, sink.bytes);
    assertEquals("[0,65536) [1000,65536) ", source.show());
  }

  @Test
  void aResponseThatEndsBeforeWhereItSaidIsAFailure() throws Exception {
    byte[] data = content(K);
    MemorySource source = new MemorySource(data);
    source.retryWait = null;
    source.fault = (start, end, attempt) -> new MemoryBody(data, start, end) {
      @Override
      int read(byte[] b, int off, int len) throws IOException {
        return at >= 1000 ? -1 : super.read(b, off, Math.min(len, 1000 - at));
      }
    };
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = transfer(new PieceTable(data.length, 1, K), source, sink);

    assertEquals(Transfer.End.FAILED, transfer.run(null, Growth.fixed(1)));

    assertTrue(transfer.failure().getMessage().contains("closed early"), transfer.failure().getMessage());
  }

  @Test
  void theWaitBeforeARetryPassesOnTheInjectedClock() throws Exception {
    byte[] data = content(K);
    MemorySource source = new MemorySource(data);
    source.retryWait = Duration.ofMinutes(10);
    source.fault = (start, end, attempt) -> start == 0 ? new MemoryBody(data, start, end, 500) : null;
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = transfer(new PieceTable(data.length, 1, K), source, sink);

    assertEquals(Transfer.End.COMPLETE, transfer.run(null, Growth.fixed(1)));

    assertArrayEquals(data, sink.bytes);
    assertTrue(clock.slept >= Duration.ofMinutes(10).toNanos(), "slept " + clock.slept + " ns on the fake clock");
  }

  @Test
  void aFailureTheSourceWillNotRetryFailsTheTransfer() throws Exception {
    byte[] data = content(4 * K);
    MemorySource source = new MemorySource(data);
    source.retryWait = null;
    source.fault = (start, end, attempt) -> {
      if (start == K) throw new IOException("404 Not Found");
      return null;
    };
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = transfer(new PieceTable(data.length, 4, K), source, sink);

    assertEquals(Transfer.End.FAILED, transfer.run(null, Growth.fixed(4)));

    assertEquals("404 Not Found", transfer.failure().getMessage());
    assertEquals(1, source.count(K), source.show());
  }

  @Test
  void aLocalWriteErrorFailsAtOnceWithoutAnotherRequest() throws Exception {
    byte[] data = content(4 * K);
    MemorySource source = new MemorySource(data);
    IOException diskFull = new IOException("No space left on device");
    Sink full = (bytes, length, position) -> {
      throw diskFull;
    };
    Transfer transfer = transfer(new PieceTable(data.length, 4, K), source, full);

    assertEquals(Transfer.End.FAILED, transfer.run(null, Growth.fixed(4)));

    assertSame(diskFull, transfer.failure(), "the sink's own failure ends the transfer");
    List<Long> starts = new ArrayList<>();
    for (long[] r : source.opened()) {
      assertFalse(starts.contains(r[0]), "a piece was asked for again after a local error: " + source.show());
      starts.add(r[0]);
    }
  }

  @Test
  void stopEndsEveryWorkerAndLeavesTheTransferStopped() throws Exception {
    byte[] data = content(4 * K);
    MemorySource source = new MemorySource(data);
    CountDownLatch allOpen = new CountDownLatch(4);
    source.fault = (start, end, attempt) -> {
      allOpen.countDown();
      return new HeldBody(data, start, end, 100, new Gate());
    };
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = transfer(new PieceTable(data.length, 4, K), source, sink);

    CompletableFuture<Transfer.End> outcome = CompletableFuture.supplyAsync(() -> run(transfer, 4));
    assertTrue(allOpen.await(10, TimeUnit.SECONDS));
    transfer.stop();

    assertEquals(Transfer.End.STOPPED, outcome.get(10, TimeUnit.SECONDS));
    assertEquals(4, source.opened().size(), "nothing is retried after a stop: " + source.show());
  }

  @Test
  void anIdleWorkerTakesOverTheTailOfTheSlowestPiece() throws Exception {
    byte[] data = content(4 * K);
    MemorySource source = new MemorySource(data);
    Gate stolen = new Gate();
    long slowStart = 2 * K;
    long head = 1000;
    source.fault = (start, end, attempt) -> {
      if (start == slowStart) return new HeldBody(data, start, end, head, stolen);
      if (start > slowStart + head && start < data.length) stolen.open();
      return null;
    };
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = transfer(new PieceTable(data.length, 2, K / 4), source, sink);

    assertEquals(Transfer.End.COMPLETE, transfer.run(null, Growth.fixed(2)));

    assertArrayEquals(data, sink.bytes);
    assertEquals(1, source.count(slowStart), source.show());
    assertTrue(source.opened().stream().anyMatch(r -> r[0] > slowStart && r[0] != slowStart + head
        && r[1] == data.length), "an idle worker asked for the tail of the slow piece: " + source.show());
  }

  @Test
  void afterAMeasuredStepItOpensTheConnectionsItsGrowthAsksFor() throws Exception {
    byte[] data = content(4 * K);
    MemorySource source = new MemorySource(data);
    Gate secondOpened = new Gate();
    long step = TimeUnit.MILLISECONDS.toNanos(1);
    // the first connection holds its piece until a second one opens; a step passes once it is open
    source.fault = (start, end, attempt) -> {
      if (start != 0) {
        secondOpened.open();
        return null;
      }
      clock.advance(step);
      return new HeldBody(data, start, end, 1000, secondOpened);
    };
    List<Double> rates = new CopyOnWriteArrayList<>();
    Growth oneThenTwo = new Growth() {
      @Override
      public int start() {
        return 1;
      }

      @Override
      public long stepNanos() {
        return step;
      }

      @Override
      public int more(double rate) {
        rates.add(rate);
        return rates.size() == 1 ? 1 : 0;
      }
    };
    AtomicInteger most = new AtomicInteger();
    MemorySink sink = new MemorySink(data.length);
    Transfer transfer = new Transfer(new PieceTable(data.length, 2, K), new Transfer.Setup(Sources.of(source), sink,
        new RateLimiter(0, clock), clock, progress::addAndGet, n -> most.accumulateAndGet(n, Math::max), workers));

    assertEquals(Transfer.End.COMPLETE, transfer.run(null, oneThenTwo));

    assertArrayEquals(data, sink.bytes);
    assertEquals(1, rates.size(), "one step passed on the clock, one question: " + rates);
    assertTrue(rates.get(0) >= 0 && rates.get(0) <= 1000.0 / step, "bytes a nanosecond: " + rates);
    assertEquals(2, most.get(), "the second connection was opened: " + source.show());
    assertEquals(1, source.count(0), "the held piece was never asked for again: " + source.show());
  }

  private Transfer transfer(PieceTable table, Source source, Sink sink) {
    return new Transfer(table, new Transfer.Setup(Sources.of(source), sink, new RateLimiter(0, clock), clock,
        progress::addAndGet, n -> { }, workers));
  }

  private static Transfer.End run(Transfer transfer, int connections) {
    try {
      return transfer.run(null, Growth.fixed(connections));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] content(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** Time that moves only when someone sleeps or a test body says so. */
  static final class FakeClock implements Clock {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    volatile long slept;

    @Override
    public long nanoTime() {
      return now.get();
    }

    @Override
    public synchronized void sleepNanos(long nanos) {
      slept += nanos;
      now.addAndGet(nanos);
    }

    void advance(long nanos) {
      now.addAndGet(nanos);
    }
  }

  /** What a test puts in place of an open: a body, null for the normal one, or an exception. */
  @FunctionalInterface
  interface Fault {
    Source.Body open(long start, long end, int attempt) throws IOException;
  }

  /** The remote file, in memory; remembers each range opened. */
  final class MemorySource implements Source {
    private final byte[] data;
    private final List<long[]> opened = new ArrayList<>();
    volatile Fault fault = (start, end, attempt) -> null;
    volatile Duration retryWait = Duration.ZERO;

    MemorySource(byte[] data) {
      this.data = data;
    }

    @Override
    public Body open(long start, long end) throws IOException {
      assertTrue(0 <= start && start < end && end <= data.length, "bad range " + start + "-" + end);
      int attempt;
      synchronized (this) {
        opened.add(new long[] {start, end});
        attempt = (int) opened.stream().filter(r -> r[0] == start).count();
      }
      Body b = fault.open(start, end, attempt);
      return b != null ? b : new MemoryBody(data, start, end);
    }

    @Override
    public Duration retryDelay(IOException failure, int attempt) {
      return attempt > 3 ? null : retryWait;
    }

    synchronized List<long[]> opened() {
      return List.copyOf(opened);
    }

    synchronized long count(long start) {
      return opened.stream().filter(r -> r[0] == start).count();
    }

    synchronized String show() {
      StringBuilder b = new StringBuilder();
      for (long[] r : opened) b.append('[').append(r[0]).append(',').append(r[1]).append(") ");
      return b.toString();
    }
  }

  /**
   * Bytes {@code [start, end)} of the file, declared as such (as a Content-Range does); with {@code breakAfter} >= 0
   * the connection breaks after that many.
   */
  static class MemoryBody implements Source.Body {
    final byte[] data;
    final int end;
    final int breakAt;
    int at;
    volatile boolean aborted;

    MemoryBody(byte[] data, long start, long end) {
      this(data, start, end, -1);
    }

    MemoryBody(byte[] data, long start, long end, long breakAfter) {
      this.data = data;
      this.at = (int) start;
      this.end = (int) end;
      this.breakAt = breakAfter < 0 ? Integer.MAX_VALUE : (int) (start + breakAfter);
    }

    @Override
    public InputStream stream() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return MemoryBody.this.read(b, off, len);
        }
      };
    }

    int read(byte[] b, int off, int len) throws IOException {
      if (aborted) throw new IOException("aborted");
      if (at >= breakAt) throw new IOException("connection reset");
      if (at >= end) return -1;
      int n = Math.min(len, Math.min(end, breakAt) - at);
      System.arraycopy(data, at, b, off, n);
      at += n;
      return n;
    }

    @Override
    public long end() {
      return end;
    }

    @Override
    public void abort() {
      aborted = true;
    }

    @Override
    public void close() {}
  }

  /** A body that sends {@code head} bytes, then the rest only once {@code gate} opens; an abort ends the wait. */
  static final class HeldBody extends MemoryBody {
    private final int holdAt;
    private final Gate gate;

    HeldBody(byte[] data, long start, long end, long head, Gate gate) {
      super(data, start, end);
      this.holdAt = (int) (start + head);
      this.gate = gate;
    }

    @Override
    int read(byte[] b, int off, int len) throws IOException {
      if (at >= holdAt) gate.await(this);
      return super.read(b, off, at < holdAt ? Math.min(len, holdAt - at) : len);
    }

    @Override
    public void abort() {
      super.abort();
      gate.wake();
    }
  }

  /** Opens once; a held body waits for it or for its own abort. */
  static final class Gate {
    private boolean open;

    synchronized void open() {
      open = true;
      notifyAll();
    }

    synchronized void wake() {
      notifyAll();
    }

    synchronized void await(MemoryBody body) throws IOException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      try {
        while (!open && !body.aborted) {
          long left = deadline - System.nanoTime();
          if (left <= 0) throw new IOException("held body never released");
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  /** The local file, in memory. */
  static final class MemorySink implements Sink {
    final byte[] bytes;

    MemorySink(int length) {
      bytes = new byte[length];
    }

    @Override
    public synchronized void write(byte[] b, int length, long position) {
      System.arraycopy(b, 0, bytes, (int) position, length);
    }
  }
}
