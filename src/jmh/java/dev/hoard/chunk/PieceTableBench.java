package dev.hoard.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The piece table of a 1 GiB file fetched with {@code -x 16} and the default {@code -k} of 1 MiB: planning it fresh
 * and over a resumed file's holes, and a whole download's bookkeeping, one 64 KiB buffer at a time, by 16 workers of
 * four speeds, so the fast ones finish early and steal half of the largest piece still running.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PieceTableBench {
  private static final long LENGTH = 1L << 30;
  private static final int PIECES = 16;
  private static final long MIN_CHUNK = 1 << 20;

  /** What a resumed file has on disk: every other 8 MiB stretch. */
  private List<ByteRange> resumed;

  @Setup(Level.Trial)
  public void setUp() {
    resumed = new ArrayList<>();
    for (long at = 0; at < LENGTH; at += 16L << 20) resumed.add(new ByteRange(at, at + (8L << 20)));
    // the download below must do the whole file, or it measures less than it says
    long written = download();
    if (written != LENGTH) throw new IllegalStateException("the simulated download wrote " + written + " bytes");
  }

  @Benchmark
  public PieceTable plan() {
    return new PieceTable(LENGTH, PIECES, MIN_CHUNK);
  }

  @Benchmark
  public PieceTable planResumed() {
    return new PieceTable(LENGTH, PIECES, MIN_CHUNK, resumed);
  }

  /**
   * Every byte of the file checked out, written ({@link PieceTable#writable}, then {@link PieceTable#advance}) and
   * stolen as the workers do; returns the bytes counted.
   */
  @Benchmark
  public long download() {
    PieceTable table = new PieceTable(LENGTH, PIECES, MIN_CHUNK);
    PieceTable.Piece[] held = new PieceTable.Piece[PIECES];
    int busy = 0;
    for (int w = 0; w < PIECES; w++) {
      held[w] = table.checkout();
      if (held[w] != null) busy++;
    }
    long written = 0;
    while (busy > 0) {
      for (int w = 0; w < PIECES; w++) {
        // worker w reads 1 to 4 buffers in the time the slowest reads one
        for (int read = 0; read <= w % 4 && held[w] != null; read++) {
          PieceTable.Piece p = held[w];
          long n = table.writable(p, PieceWorker.BUFFER);
          written += table.advance(p, n);
          if (p.position() >= p.end()) {
            held[w] = table.checkout();
            if (held[w] == null) busy--;
          }
        }
      }
    }
    return written;
  }
}
