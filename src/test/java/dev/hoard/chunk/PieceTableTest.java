package dev.hoard.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PieceTableTest {
  private static final long SEED = 20240611L;

  @Test
  void plansAtMostMaxPiecesOfAtLeastMinChunkForRandomSizes() {
    Random random = new Random(SEED);
    for (int i = 0; i < 5_000; i++) {
      long length = randomLength(random);
      int maxPieces = 1 + random.nextInt(32);
      long minChunk = 1 + (long) (random.nextDouble() * random.nextDouble() * (2 << 20));
      String plan = "length " + length + ", maxPieces " + maxPieces + ", minChunk " + minChunk;
      List<long[]> pieces = new PieceTable(length, maxPieces, minChunk).snapshot();

      assertTiles(pieces, length, plan);
      assertTrue(pieces.size() <= maxPieces, plan + ": " + pieces.size() + " pieces");
      if (length > 0) assertFalse(pieces.isEmpty(), plan);
      for (long[] p : pieces) {
        assertEquals(p[0], p[1], plan + ": a fresh piece has nothing written");
        if (pieces.size() > 1) assertTrue(p[2] - p[0] >= minChunk, plan + ": piece " + show(p) + " below minChunk");
      }
      // the plan stops only at maxPieces or when the largest piece could not be cut in two
      long largest = pieces.stream().mapToLong(p -> p[2] - p[0]).max().orElse(0);
      assertTrue(pieces.size() == maxPieces || largest < 2 * minChunk, plan + ": could have been cut further");
    }
  }

  @Test
  void aFileSmallerThanMinChunkIsOnePiece() {
    PieceTable table = new PieceTable(1000, 8, 4096);
    assertEquals(1, table.pieceCount());
    PieceTable.Piece only = table.checkout();
    assertEquals(0, only.position());
    assertEquals(1000, only.end());
    assertNull(table.checkout(), "a piece below 2 x minChunk is never cut");
  }

  @Test
  void anEmptyFileHasNothingToFetch() {
    PieceTable table = new PieceTable(0, 8, 1);
    assertEquals(0, table.pieceCount());
    assertTrue(table.complete());
    assertNull(table.checkout());
    assertNull(table.checkoutFirst());
    assertEquals(0, table.written());
    assertTrue(table.doneRanges().isEmpty());
  }

  @Test
  void aOneByteFileIsOnePieceOfOneByte() {
    PieceTable table = new PieceTable(1, 8, 1);
    assertEquals(1, table.pieceCount());
    PieceTable.Piece p = table.checkoutFirst();
    assertEquals(0, p.position());
    assertEquals(1, p.end());
    assertNull(table.checkout(), "one byte cannot be shared");
    assertEquals(1, table.writable(p, 64 * 1024));
    table.advance(p, 1);
    assertTrue(table.complete());
    assertRanges(table.doneRanges(), 0, 1);
  }

  @Test
  void handsOutEachPlannedPieceOnceInFileOrder() {
    PieceTable table = new PieceTable(1000, 4, 100);
    long[] starts = new long[4];
    for (int i = 0; i < 4; i++) starts[i] = table.checkout().position();
    assertArrayEquals(new long[] {0, 250, 500, 750}, starts);
  }

  @Test
  void anIdleWorkerTakesTheSecondHalfOfWhatTheLargestRunningPieceHasLeft() {
    PieceTable table = new PieceTable(1000, 2, 100);
    PieceTable.Piece first = table.checkout();
    PieceTable.Piece second = table.checkout();
    table.advance(first, 400);
    table.advance(second, 100);

    PieceTable.Piece stolen = table.checkout();

    // the second piece has 400 left (600..1000): the thief takes 800..1000
    assertEquals(800, stolen.position());
    assertEquals(1000, stolen.end());
    assertEquals(800, second.end(), "the victim now stops where the thief starts");
    assertEquals(600, second.position(), "the victim keeps what it wrote");
    assertTiles(table.snapshot(), 1000, "after the steal");
  }

  @Test
  void neverCutsAPieceIntoPartsSmallerThanMinChunk() {
    PieceTable table = new PieceTable(1000, 2, 250);
    PieceTable.Piece first = table.checkout();
    PieceTable.Piece second = table.checkout();
    table.advance(second, 1);
    table.advance(first, 499);
    assertNull(table.checkout(), "499 bytes left cannot make two halves of 250");
    table.advance(first, 1);
    assertNull(table.checkout(), "the finished piece is not handed out again");
    assertEquals(501, second.position());
  }

  @Test
  void stealsWhenTheLargestPieceHasExactlyTwiceMinChunkLeft() {
    PieceTable table = new PieceTable(1000, 2, 250);
    table.advance(table.checkout(), 10);
    PieceTable.Piece second = table.checkout();
    PieceTable.Piece stolen = table.checkout();
    assertNotNull(stolen);
    assertEquals(750, stolen.position());
    assertEquals(1000, stolen.end());
    assertEquals(750, second.end());
  }

  @Test
  void aReleasedPieceIsHandedOutAgainFromWhereItsBytesStopped() {
    PieceTable table = new PieceTable(1000, 2, 100);
    PieceTable.Piece first = table.checkout();
    table.checkout();
    table.advance(first, 123);
    table.release(first);

    PieceTable.Piece again = table.checkout();

    assertSame(first, again);
    assertEquals(123, again.position());
  }

  @Test
  void writableStopsAtAnEndThatAStealMovedCloser() {
    PieceTable table = new PieceTable(1000, 1, 100);
    PieceTable.Piece victim = table.checkout();
    table.advance(victim, 100);
    assertEquals(64, table.writable(victim, 64));
    PieceTable.Piece thief = table.checkout();
    assertEquals(550, thief.position());

    assertEquals(450, table.writable(victim, 64 * 1024));
    assertEquals(450, table.advance(victim, 64 * 1024), "bytes past the stolen end are the thief's: not counted");
    assertEquals(550, victim.position());
    assertEquals(0, table.writable(victim, 10));
    assertEquals(550, table.written());
  }

  @Test
  void rejectsANegativeAdvance() {
    PieceTable table = new PieceTable(10, 1, 1);
    PieceTable.Piece p = table.checkout();
    assertThrows(IllegalArgumentException.class, () -> table.advance(p, -1));
  }

  @Test
  void doneRangesMergeTouchingWrittenBytesAndSkipGaps() {
    PieceTable table = new PieceTable(1000, 4, 100);
    PieceTable.Piece a = table.checkout();
    PieceTable.Piece b = table.checkout();
    PieceTable.Piece c = table.checkout();
    PieceTable.Piece d = table.checkout();
    table.advance(a, 250);
    table.advance(b, 100);
    table.advance(d, 5);

    assertRanges(table.doneRanges(), 0, 350, 750, 755);
    assertEquals(355, table.written());
    table.advance(b, 150);
    table.advance(c, 250);
    table.advance(d, 245);
    assertRanges(table.doneRanges(), 0, 1000);
    assertTrue(table.complete());
  }

  @Test
  void resumesFromDoneRangesFetchingOnlyTheGaps() {
    List<ByteRange> done = List.of(new ByteRange(0, 100), new ByteRange(300, 400), new ByteRange(900, 1000));
    PieceTable table = new PieceTable(1000, 8, 50, done);
    assertEquals(300, table.written());
    assertRanges(table.doneRanges(), 0, 100, 300, 400, 900, 1000);
    assertTiles(table.snapshot(), 1000, "resumed");

    BitSet fetched = new BitSet();
    for (PieceTable.Piece p; (p = table.checkout()) != null; ) {
      long from = p.position();
      long to = p.end();
      for (long i = from; i < to; i++) {
        assertFalse(i < 100 || i >= 300 && i < 400 || i >= 900, "byte " + i + " was already on disk");
        assertFalse(fetched.get((int) i), "byte " + i + " handed out twice");
        fetched.set((int) i);
      }
      table.advance(p, to - from);
    }
    assertEquals(700, fetched.cardinality());
    assertTrue(table.complete());
    assertRanges(table.doneRanges(), 0, 1000);
  }

  @Test
  void aStateOfAMillionOneByteHolesIsFetchedInPiecesOfAtLeastMinChunk() {
    long length = 4_000_000;
    List<ByteRange> done = new ArrayList<>();
    for (long at = 1; at + 3 < length; at += 4) done.add(new ByteRange(at, at + 3));
    PieceTable table = new PieceTable(length, 4, 1_000_000, done);
    assertEquals(0, table.doneRanges().size(), "written ranges kept");
    assertEquals(4, table.pieceCount(), "the scattered bytes are fetched again with their holes");
    for (PieceTable.Piece p; (p = table.checkout()) != null; ) assertTrue(p.end() - p.position() >= 1_000_000);
  }

  @Test
  void withMoreHolesThanARunLeavesAShortWrittenStretchIsKeptOnlyAtTheStartAndAtTheEnd() {
    List<ByteRange> done = List.of(new ByteRange(0, 5), new ByteRange(100, 105), new ByteRange(200, 300),
        new ByteRange(400, 405), new ByteRange(995, 1000));
    // 4 holes: within what a run with -k 50 leaves (1000 / 50 + 1), so each written byte is kept
    assertEquals(done, PieceTable.keptRanges(1000, 50, done));
    // but a run with -k 400 leaves at most 3
    assertEquals(List.of(new ByteRange(0, 5), new ByteRange(995, 1000)), PieceTable.keptRanges(1000, 400, done));
    // 11 holes, over the 7 a run with -k 150 leaves
    assertEquals(List.of(new ByteRange(0, 5), new ByteRange(200, 400), new ByteRange(995, 1000)),
        PieceTable.keptRanges(1000, 150, List.of(new ByteRange(0, 5), new ByteRange(10, 15), new ByteRange(20, 25),
            new ByteRange(30, 35), new ByteRange(40, 45), new ByteRange(50, 55), new ByteRange(60, 65),
            new ByteRange(70, 75), new ByteRange(80, 85), new ByteRange(90, 95), new ByteRange(200, 400),
            new ByteRange(995, 1000))));
    // adjacent ranges count as one stretch
    assertEquals(List.of(new ByteRange(100, 160)),
        PieceTable.keptRanges(1000, 50, List.of(new ByteRange(100, 130), new ByteRange(130, 160))));
  }

  /**
   * Every range is kept while the holes are as few as a run leaves; past that, kept ranges are some of the given
   * stretches, each one dropped was short and between holes, and the holes left are within the bound.
   */
  @Test
  void keptRangesLeaveNoMoreHolesThanARunWould() {
    Random random = new Random(SEED);
    int coalesced = 0;
    for (int round = 0; round < 5_000; round++) {
      long length = 1 + random.nextInt(200_000);
      long minChunk = 1 + random.nextInt(random.nextBoolean() ? 20_000 : 200);
      List<ByteRange> done = random.nextBoolean() ? randomDone(random, length) : scattered(random, length);
      String plan = "length " + length + ", minChunk " + minChunk + ", done " + done.size() + " ranges";
      List<ByteRange> kept = PieceTable.keptRanges(length, minChunk, done);
      long bound = length / minChunk + 1;
      assertTrue(holes(kept, length) <= bound, plan + ": " + holes(kept, length) + " holes left");
      if (holes(done, length) <= bound) {
        assertEquals(done, kept, plan);
        continue;
      }
      coalesced++;
      assertTrue(done.containsAll(kept), plan);
      for (ByteRange r : done) {
        if (kept.contains(r)) continue;
        assertTrue(r.length() < minChunk && r.start() > 0 && r.end() < length, plan + ": dropped " + r);
      }
      for (int i = 1; i < kept.size() - 1; i++) assertTrue(kept.get(i).length() >= minChunk, plan);
    }
    assertTrue(coalesced > 100, "too few rounds past the bound: " + coalesced);
  }

  private static long holes(List<ByteRange> done, long length) {
    long holes = 0;
    long at = 0;
    for (ByteRange r : done) {
      if (r.start() > at) holes++;
      at = r.end();
    }
    return at < length ? holes + 1 : holes;
  }

  /** Many short written stretches and holes, as a hand-made state might list them. */
  private static List<ByteRange> scattered(Random random, long length) {
    List<ByteRange> done = new ArrayList<>();
    long at = random.nextInt(3);
    while (at < length) {
      long end = Math.min(length, at + 1 + random.nextInt(40));
      done.add(new ByteRange(at, end));
      at = end + 1 + random.nextInt(40);
    }
    return done;
  }

  @Test
  void theFirstPieceOfAResumeStartsAtTheFirstMissingByte() {
    PieceTable table = new PieceTable(1000, 4, 10, List.of(new ByteRange(0, 600)));
    PieceTable.Piece first = table.checkoutFirst();
    assertEquals(600, first.position());
    assertTrue(table.pieceCount() <= 4);
  }

  @Test
  void aFileWhoseBytesAreAllDoneIsComplete() {
    PieceTable table = new PieceTable(1000, 4, 10, List.of(new ByteRange(0, 1000)));
    assertTrue(table.complete());
    assertEquals(0, table.pieceCount());
    assertNull(table.checkout());
  }

  @Test
  void rejectsDoneRangesThatOverlapRunBackwardsOrPassTheEnd() {
    assertThrows(IllegalArgumentException.class,
        () -> new PieceTable(1000, 4, 10, List.of(new ByteRange(0, 500), new ByteRange(400, 600))));
    assertThrows(IllegalArgumentException.class, () -> new PieceTable(1000, 4, 10, List.of(new ByteRange(500, 400))));
    assertThrows(IllegalArgumentException.class, () -> new PieceTable(1000, 4, 10, List.of(new ByteRange(900, 1001))));
  }

  @Test
  void rejectsANegativeLengthNoPiecesAndAnEmptyChunk() {
    assertThrows(IllegalArgumentException.class, () -> new PieceTable(-1, 4, 10));
    assertThrows(IllegalArgumentException.class, () -> new PieceTable(100, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new PieceTable(100, 4, 0));
  }

  /**
   * Random workers check out, write, give up and steal, in a fixed-seed random order: after every step the pieces tile
   * the file, no byte is handed out while written or owned, a steal leaves both halves at least minChunk, and the
   * written ranges are exactly the bytes written.
   */
  @Test
  void randomCheckoutsStealsAndReleasesAlwaysTileTheFile() {
    Random random = new Random(SEED);
    int steals = 0;
    for (int round = 0; round < 300; round++) {
      long length = 1 + random.nextInt(200_000);
      int maxPieces = 1 + random.nextInt(16);
      long minChunk = 1 + random.nextInt(20_000);
      List<ByteRange> done = randomDone(random, length);
      String plan = "length " + length + ", maxPieces " + maxPieces + ", minChunk " + minChunk + ", done " + done;
      PieceTable table = new PieceTable(length, maxPieces, minChunk, done);
      BitSet written = new BitSet();
      // what the table kept of the ranges given (keptRangesLeaveHolesAtLeastMinChunkApart checks the choice)
      for (ByteRange r : table.doneRanges()) written.set((int) r.start(), (int) r.end());
      List<PieceTable.Piece> held = new ArrayList<>();
      int workers = 1 + random.nextInt(8);

      for (int step = 0; step < 100_000 && !table.complete(); step++) {
        int op = random.nextInt(10);
        if (held.size() < workers && op < 3) {
          List<long[]> before = table.snapshot();
          PieceTable.Piece p = table.checkout();
          if (p != null) {
            assertFalse(held.contains(p), plan + ": handed out a piece already held");
            BitSet left = written.get((int) p.position(), (int) p.end());
            assertTrue(left.isEmpty(), plan + ": handed out written bytes " + p);
            if (table.snapshot().size() > before.size()) {
              assertFairSteal(before, p, minChunk, plan);
              steals++;
            }
            held.add(p);
          } else {
            assertNoStealPossible(table.snapshot(), held, minChunk, plan);
          }
        } else if (!held.isEmpty() && op < 9) {
          PieceTable.Piece p = held.get(random.nextInt(held.size()));
          long n = table.writable(p, 1 + random.nextInt(8192));
          written.set((int) p.position(), (int) (p.position() + n));
          table.advance(p, n);
          if (p.position() == p.end()) {
            table.release(p);
            held.remove(p);
          }
        } else if (!held.isEmpty()) {
          PieceTable.Piece p = held.remove(random.nextInt(held.size()));
          table.release(p);
        }
        assertTiles(table.snapshot(), length, plan);
        assertRanges(table.doneRanges(), rangesOf(written));
        assertEquals(written.cardinality(), table.written(), plan);
      }
      assertTrue(table.complete(), plan + ": did not finish");
      assertRanges(table.doneRanges(), 0, length);
    }
    assertTrue(steals > 100, "the walk should steal often, stole " + steals + " times");
  }

  @Test
  void workersOnManyThreadsWriteEveryByteExactlyOnce() throws Exception {
    long length = 3_000_017;
    PieceTable table = new PieceTable(length, 8, 10_000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int seed = w;
        counts.add(pool.submit(() -> {
          Random random = new Random(SEED + seed);
          long mine = 0;
          for (PieceTable.Piece p; (p = table.checkout()) != null; ) {
            long n;
            while ((n = table.writable(p, 1 + random.nextInt(4096))) > 0) mine += table.advance(p, n);
            table.release(p);
          }
          return mine;
        }));
      }
      long total = 0;
      for (Future<Long> f : counts) total += f.get();
      // a steal between writable and advance leaves bytes to the thief: advance counts each byte once
      assertEquals(length, total);
      assertTrue(table.complete());
      assertEquals(length, table.written());
      assertRanges(table.doneRanges(), 0, length);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertFairSteal(List<long[]> before, PieceTable.Piece stolen, long minChunk, String plan) {
    assertTrue(stolen.end() - stolen.position() >= minChunk, plan + ": stole a piece below minChunk: " + stolen);
    for (long[] p : before) {
      if (p[0] < stolen.position() && stolen.position() < p[2]) {
        assertTrue(stolen.position() - p[1] >= minChunk, plan + ": left the victim less than minChunk");
        assertEquals(p[2], stolen.end(), plan + ": the thief takes the victim's tail");
        return;
      }
    }
    throw new AssertionError(plan + ": a new piece " + stolen + " did not come from a running one");
  }

  private static void assertNoStealPossible(List<long[]> pieces, List<PieceTable.Piece> held, long minChunk,
      String plan) {
    for (long[] p : pieces) {
      boolean running = held.stream().anyMatch(h -> h.position() == p[1] && h.end() == p[2]);
      long left = p[2] - p[1];
      if (!running) assertEquals(0, left, plan + ": an unowned piece with bytes left was not handed out");
      else assertTrue(left < 2 * minChunk, plan + ": a running piece with " + left + " left could have been split");
    }
  }

  /** The pieces are sorted, start at 0, touch without gap or overlap, end at {@code length}; start <= pos <= end. */
  private static void assertTiles(List<long[]> pieces, long length, String plan) {
    long at = 0;
    for (long[] p : pieces) {
      assertEquals(at, p[0], plan + ": gap or overlap at " + at + " in " + show(pieces));
      assertTrue(p[0] <= p[1] && p[1] <= p[2], plan + ": bad piece " + show(p));
      assertTrue(p[2] > p[0] || length == 0, plan + ": empty piece " + show(p));
      at = p[2];
    }
    assertEquals(length, at, plan + ": pieces end at " + at);
  }

  private static void assertRanges(List<ByteRange> actual, long... expected) {
    long[] flat = new long[actual.size() * 2];
    for (int i = 0; i < actual.size(); i++) {
      flat[2 * i] = actual.get(i).start();
      flat[2 * i + 1] = actual.get(i).end();
    }
    assertArrayEquals(expected, flat, "done ranges " + actual);
  }

  private static long[] rangesOf(BitSet bits) {
    List<Long> out = new ArrayList<>();
    for (int from = bits.nextSetBit(0); from >= 0; ) {
      int to = bits.nextClearBit(from);
      out.add((long) from);
      out.add((long) to);
      from = bits.nextSetBit(to);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static List<ByteRange> randomDone(Random random, long length) {
    List<ByteRange> done = new ArrayList<>();
    if (random.nextBoolean()) return done;
    long at = 0;
    while (at < length) {
      long gap = random.nextInt((int) Math.min(length - at, 50_000) + 1);
      long start = at + gap;
      if (start >= length) break;
      long end = Math.min(length, start + 1 + random.nextInt(30_000));
      done.add(new ByteRange(start, end));
      at = end + 1;
    }
    return done;
  }

  private static long randomLength(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextInt(16);
      case 1 -> random.nextInt(100_000);
      case 2 -> random.nextInt(20_000_000);
      default -> (long) (random.nextDouble() * (1L << 40));
    };
  }

  private static String show(long[] p) {
    return "[" + p[0] + "," + p[1] + "," + p[2] + ")";
  }

  private static String show(List<long[]> ranges) {
    StringBuilder b = new StringBuilder();
    for (long[] r : ranges) b.append(r.length == 3 ? show(r) : "[" + r[0] + "," + r[1] + ")");
    return b.toString();
  }
}
