package dev.hoard.download;

import dev.hoard.chunk.ByteRange;
import dev.hoard.chunk.PieceTable;
import dev.hoard.chunk.Transfer;
import dev.hoard.fetch.Probe;
import dev.hoard.fetch.RemoteFile;
import dev.hoard.fetch.Retrier;
import dev.hoard.runtime.Clock;
import dev.hoard.runtime.StopSignal;
import dev.hoard.store.PartFile;
import dev.hoard.store.ResumeState;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A file fetched in byte-range pieces: the piece table over the bytes still missing, the resume state kept beside the
 * part file, and the inner pool ({@link Transfer}) over the mirrors. The part file it leaves holds every byte, open
 * and locked for {@link Download} to verify and commit.
 */
final class InPieces {
  /** The part file holding every byte, and whether a resume state lies beside it (to go when it is committed). */
  record Fetched(PartFile part, boolean stateful) {}

  private final Downloads shared;
  private final Retrier retrier;
  private final long id;
  private final LongConsumer progress;
  private long bytes;

  InPieces(Downloads shared, Retrier retrier, long id, LongConsumer progress) {
    this.shared = shared;
    this.retrier = retrier;
    this.id = id;
    this.progress = progress;
  }

  /** Bytes the part file holds, those found on disk included, once {@link #run} has ended either way. */
  long bytes() {
    return bytes;
  }

  /**
   * Fetches what {@code done} leaves missing of the file {@code probe} describes into {@code target}'s part, the
   * probe's answer streaming the first piece.
   */
  Fetched run(Path target, String shown, Probe probe, List<ByteRange> done, Mirrors mirrors) throws IOException {
    try {
      return owning(target, shown, probe, done, mirrors);
    } catch (IOException | RuntimeException e) {
      // until the transfer owns the probe's response, a failure here must drop it, or its pooled connection leaks
      probe.response().abort();
      throw e;
    }
  }

  private Fetched owning(Path target, String shown, Probe probe, List<ByteRange> done, Mirrors mirrors)
      throws IOException {
    RemoteFile remote = probe.remote();
    PieceTable table = new PieceTable(remote.length(), shared.policy.maxConnectionsPerFile(), shared.options.minChunk(),
        done);
    mirrors.start(remote, shared.fetcher, retrier);
    ResumeState state = new ResumeState(shown, remote.length(), remote.etag(), remote.lastModified(), done);
    StateSaver saver = new StateSaver(state, PartFile.stateOf(target), table, mirrors::validated);
    // the state (with the validators) goes to disk before the part file gets its first byte: pieces written out of
    // order would leave holes, and a part without state would resume on trust, without If-Range. Files under a MiB
    // skip it: a stateless part that small is fetched again whole. The part is opened (and locked) first: a state is
    // never written beside another process's part
    boolean stateful = table.pieceCount() > 1 || !done.isEmpty() || remote.length() >= ResumePlan.BY_LENGTH_FROM;
    PartFile part = PartFile.open(target, done.isEmpty(), shown, true);
    boolean kept = false;
    try {
      if (stateful) saver.saveNow();
      Transfer transfer = new Transfer(table, new Transfer.Setup(mirrors, part, shared.limiter, Clock.SYSTEM,
          progress, n -> shared.listener.pieces(id, n), shared.workers));
      // a file too small for a state has no state to keep up to date
      ScheduledFuture<?> tick = stateful
          ? shared.stateTimer.scheduleWithFixedDelay(saver::saveQuietly, 1, 1, TimeUnit.SECONDS) : null;
      Transfer.End end;
      try (StopSignal.Registration unregister = shared.stop().onStop(transfer::stop)) {
        end = transfer.run(probe.body(), shared.policy.growth(mirrors::room));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        transfer.stop();
        end = Transfer.End.STOPPED;
      } finally {
        if (tick != null) tick.cancel(false);
      }
      bytes = table.written();
      if (end != Transfer.End.COMPLETE) {
        if (stateful) saver.saveNow();
        if (end == Transfer.End.STOPPED) throw new InterruptedIOException("interrupted");
        throw transfer.failure();
      }
      saver.close();
      part.setLength(remote.length());
      kept = true;
      return new Fetched(part, stateful);
    } finally {
      if (!kept) part.close();
    }
  }
}
