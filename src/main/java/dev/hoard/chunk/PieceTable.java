package dev.hoard.chunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bookkeeping of one file's pieces, {@code [start, end)} byte ranges each with the position its bytes have reached:
 * plans at most {@code maxPieces} pieces of at least {@code minChunk} bytes over what is missing, checks pieces out to
 * workers, halves the largest running piece for an idle worker, and records what is written. No I/O; one lock.
 */
public final class PieceTable {
  /** One piece: bytes {@code [start, pos)} are written, {@code [pos, end)} are still to come. */
  public static final class Piece {
    final long start;
    long pos;
    long end;
    boolean owned;

    Piece(long start, long end) {
      this.start = start;
      this.pos = start;
      this.end = end;
    }

    /** Where the next byte of this piece goes. */
    public synchronized long position() {
      return pos;
    }

    /** Where this piece now ends (exclusive); a steal can bring it closer. */
    public synchronized long end() {
      return end;
    }

    @Override
    public synchronized String toString() {
      return "[" + start + "," + pos + "," + end + ")";
    }
  }

  private final long length;
  private final long minChunk;
  private final List<Piece> pieces = new ArrayList<>();

  /**
   * Plans the missing bytes of a file of {@code length} bytes, given the ranges already written.
   *
   * @param done sorted, non-overlapping ranges already on disk
   */
  public PieceTable(long length, int maxPieces, long minChunk, List<ByteRange> done) {
    if (length < 0) throw new IllegalArgumentException("length must be >= 0: " + length);
    if (maxPieces < 1) throw new IllegalArgumentException("maxPieces must be >= 1: " + maxPieces);
    if (minChunk < 1) throw new IllegalArgumentException("minChunk must be >= 1: " + minChunk);
    this.length = length;
    this.minChunk = minChunk;
    long at = 0;
    for (ByteRange r : keptRanges(length, minChunk, done)) {
      if (r.start() > at) pieces.add(new Piece(at, r.start()));
      Piece written = new Piece(r.start(), r.end());
      written.pos = r.end();
      pieces.add(written);
      at = r.end();
    }
    if (at < length) pieces.add(new Piece(at, length));
    // cut the largest missing stretch in two until there are enough pieces or they would get too small
    while (missingPieces() < maxPieces) {
      Piece big = largestRemaining(false);
      if (big == null || big.end - big.pos < 2 * minChunk) break;
      split(big);
    }
  }

  /**
   * The written ranges worth keeping. hoard's own runs leave at most {@code length / minChunk + 1} holes (each was a
   * piece of at least {@code minChunk} bytes when planned): all their ranges are kept, and a resume asks only for the
   * missing bytes. A state with more holes was made by hand or with a smaller {@code -k}: then a written stretch
   * shorter than {@code minChunk} between two holes is fetched again with them (the same bytes of the same version),
   * so the holes left lie at least {@code minChunk} apart and stay within that bound (a state of a million one-byte
   * holes would otherwise be a million requests).
   */
  static List<ByteRange> keptRanges(long length, long minChunk, List<ByteRange> done) {
    List<ByteRange> merged = new ArrayList<>();
    long at = 0;
    for (ByteRange r : done) {
      if (r.start() < at || r.end() > length) throw new IllegalArgumentException("bad done range " + r);
      at = r.end();
      int last = merged.size() - 1;
      if (r.length() == 0) continue;
      if (last >= 0 && merged.get(last).end() == r.start()) {
        merged.set(last, new ByteRange(merged.get(last).start(), r.end()));
      } else {
        merged.add(r);
      }
    }
    long holes = 0;
    for (int i = 0; i <= merged.size(); i++) {
      long from = i == 0 ? 0 : merged.get(i - 1).end();
      long to = i == merged.size() ? length : merged.get(i).start();
      if (to > from) holes++;
    }
    if (holes <= length / minChunk + 1) return merged;
    List<ByteRange> kept = new ArrayList<>();
    for (int i = 0; i < merged.size(); i++) {
      ByteRange r = merged.get(i);
      boolean holeAfter = r.end() < (i + 1 < merged.size() ? merged.get(i + 1).start() : length);
      // merged ranges are never adjacent: a hole lies before each one but a range at 0
      if (r.start() > 0 && holeAfter && r.length() < minChunk) continue;
      kept.add(r);
    }
    return kept;
  }

  /** A fresh file with nothing written yet. */
  public PieceTable(long length, int maxPieces, long minChunk) {
    this(length, maxPieces, minChunk, List.of());
  }

  /** Whether an idle worker could take over half of some piece: one has at least twice the minimum chunk left. */
  public synchronized boolean splittable() {
    for (Piece p : pieces) if (remaining(p) >= 2 * minChunk) return true;
    return false;
  }

  /** How many pieces still have bytes to fetch. */
  public synchronized int pieceCount() {
    return missingPieces();
  }

  public long length() {
    return length;
  }

  /**
   * A piece for an idle worker: the first unowned piece with bytes left, else the second half of the largest running
   * piece (never cut below {@code minChunk}); null when no work is left to hand out.
   */
  public synchronized Piece checkout() {
    for (Piece p : pieces) {
      if (!p.owned && remaining(p) > 0) {
        p.owned = true;
        return p;
      }
    }
    Piece big = largestRemaining(true);
    if (big == null || remaining(big) < 2 * minChunk) return null;
    Piece half = split(big);
    half.owned = true;
    return half;
  }

  /** The first piece, for the response that probed the file and already streams from its start. */
  public synchronized Piece checkoutFirst() {
    for (Piece p : pieces) {
      if (!p.owned && remaining(p) > 0) {
        p.owned = true;
        return p;
      }
    }
    return null;
  }

  /** How many of {@code n} bytes just read may be written at the piece's position (a steal may have cut it short). */
  public synchronized long writable(Piece p, long n) {
    synchronized (p) {
      return Math.max(0, Math.min(n, p.end - p.pos));
    }
  }

  /**
   * Records that {@code n} bytes were written at the piece's position, and returns how many of them count. A steal
   * between {@link #writable} and this call may have moved the end closer: the bytes past it are the thief's,
   * identical (same file version), so the position stops at the end and they are not counted twice.
   */
  public synchronized long advance(Piece p, long n) {
    synchronized (p) {
      if (n < 0) throw new IllegalArgumentException("negative advance: " + n);
      long counted = Math.min(n, p.end - p.pos);
      p.pos += counted;
      return counted;
    }
  }

  /** Gives a piece back (its worker failed or stopped); another worker may take it from where its bytes stopped. */
  public synchronized void release(Piece p) {
    p.owned = false;
  }

  public synchronized boolean complete() {
    for (Piece p : pieces) if (remaining(p) > 0) return false;
    return true;
  }

  /** Bytes written so far. */
  public synchronized long written() {
    long n = 0;
    for (Piece p : pieces) n += p.pos - p.start;
    return n;
  }

  /** The written ranges, merged and sorted, for the resume state. */
  public synchronized List<ByteRange> doneRanges() {
    List<ByteRange> out = new ArrayList<>();
    for (Piece p : pieces) {
      if (p.pos == p.start) continue;
      int last = out.size() - 1;
      if (last >= 0 && out.get(last).end() == p.start) out.set(last, new ByteRange(out.get(last).start(), p.pos));
      else out.add(new ByteRange(p.start, p.pos));
    }
    return out;
  }

  /** A copy of the pieces as {@code [start, pos, end]} triples, for tests and diagnostics. */
  synchronized List<long[]> snapshot() {
    List<long[]> out = new ArrayList<>();
    for (Piece p : pieces) out.add(new long[] {p.start, p.pos, p.end});
    return out;
  }

  private int missingPieces() {
    int n = 0;
    for (Piece p : pieces) if (remaining(p) > 0) n++;
    return n;
  }

  private Piece largestRemaining(boolean owned) {
    return pieces.stream()
        .filter(p -> p.owned == owned && remaining(p) > 0)
        .max(Comparator.comparingLong(PieceTable::remaining))
        .orElse(null);
  }

  /** Cuts {@code p} at the middle of what it has left; returns the new second half (unowned). */
  private Piece split(Piece p) {
    synchronized (p) {
      long mid = p.pos + (p.end - p.pos) / 2;
      Piece tail = new Piece(mid, p.end);
      p.end = mid;
      pieces.add(pieces.indexOf(p) + 1, tail);
      return tail;
    }
  }

  private static long remaining(Piece p) {
    synchronized (p) {
      return p.end - p.pos;
    }
  }
}
