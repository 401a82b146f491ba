package dev.hoard.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * One connection of the inner pool: takes a piece, streams it into the file at its offset through a small fixed
 * buffer, retries it alone from where its bytes stopped, then takes the next piece (or half of the largest) until no
 * work is left. Stalls are the connection's business (the fetch layer watches every socket): here they are failures
 * like any other. A worker fetches from the one source it was given (a mirror); when that source fails for good, it
 * goes on from another, with the same piece, while one is left.
 */
final class PieceWorker implements Runnable {
  static final int BUFFER = 64 * 1024;
  static final int MIN_BUFFER = 8 * 1024;
  /** Progress since the last failure that makes a piece's retries count from the start again. */
  static final long RESET_AFTER_BYTES = 1 << 20;

  private final Transfer transfer;
  private Source source;
  private PieceTable.Piece piece;
  private Source.Body body;
  private long requestedEnd;
  private final byte[] buffer;

  /** A worker that starts on {@code firstPiece} with an already open {@code firstBody} (the probe), or fresh. */
  PieceWorker(Transfer transfer, PieceTable.Piece firstPiece, Source.Body firstBody, long firstRequestedEnd) {
    this.transfer = transfer;
    // assigned here, on the thread that starts the workers: the first worker, which holds the probe, gets the source
    // that answered it
    this.source = transfer.sources().assign();
    this.piece = firstPiece;
    this.body = firstBody;
    this.requestedEnd = firstRequestedEnd;
    // a small file needs no 64 KiB of buffer: thousands of them would make that much garbage each
    this.buffer = new byte[(int) Math.min(BUFFER, Math.max(MIN_BUFFER, transfer.table().length()))];
  }

  /** The sink failed: local, never retried. */
  private static final class SinkFailed extends Exception {
    final IOException cause;

    SinkFailed(IOException cause) {
      super(cause);
      this.cause = cause;
    }
  }

  @Override
  public void run() {
    try {
      while (!transfer.stopped() && source != null) {
        if (piece == null) {
          piece = transfer.table().checkout();
          if (piece == null) return;
        }
        if (!fetchPiece()) return;
        transfer.table().release(piece);
        piece = null;
      }
    } finally {
      if (body != null) transfer.drop(body);
      if (piece != null) transfer.table().release(piece);
      if (source != null) transfer.sources().unassign(source);
    }
  }

  /** Fetches the current piece to its end with retries; false when the worker must stop. */
  private boolean fetchPiece() {
    int attempt = 0;
    long progressAtFailure = -1;
    while (true) {
      try {
        if (body == null) {
          long from = piece.position();
          requestedEnd = piece.end();
          if (from >= requestedEnd) return true;
          body = transfer.open(source, from, requestedEnd);
        }
        if (pump()) return true;
        // the response ended where it said it would, short of the piece: ask for the rest, which is no failure
      } catch (SinkFailed e) {
        transfer.fail(e.cause);
        return false;
      } catch (IOException e) {
        if (body != null) transfer.drop(body);
        body = null;
        if (transfer.stopped()) return false;
        // a connection that keeps dying after real progress (a MiB or more) is a flaky link, not a dead one: count
        // from 1 again; a server that dribbles a little then stalls still runs out of retries
        long at = piece.position();
        attempt = progressAtFailure >= 0 && at - progressAtFailure >= RESET_AFTER_BYTES ? 1 : attempt + 1;
        progressAtFailure = at;
        Duration wait;
        IOException last = e;
        try {
          wait = source.retryDelay(e, attempt);
        } catch (IOException fatal) {
          wait = null;
          last = fatal;
        }
        if (wait == null) {
          // this source is done with: the piece goes on from another one, or the transfer fails with this failure
          source = transfer.sources().replace(source, last);
          if (source == null) {
            transfer.fail(last);
            return false;
          }
          attempt = 0;
          progressAtFailure = -1;
          continue;
        }
        if (!transfer.pause(wait)) return false;
      }
    }
  }

  /**
   * Streams the open body into the piece until the piece ends (true) or the response ends where its server said it
   * would, before the piece does (false); throws on a short body or a reset.
   */
  private boolean pump() throws IOException, SinkFailed {
    PieceTable table = transfer.table();
    InputStream in = body.stream();
    while (true) {
      if (transfer.stopped()) throw new IOException("stopped");
      long want = table.writable(piece, buffer.length);
      if (want == 0) {
        // the piece is whole: keep the connection when its response ended here too, else drop it undrained
        Source.Body done = body;
        body = null;
        if (piece.end() == requestedEnd) transfer.finish(done);
        else transfer.drop(done);
        return true;
      }
      long declaredEnd = body.end();
      if (declaredEnd >= 0 && piece.position() >= declaredEnd) {
        // the response gave all it declared, short of the piece: ask for the rest; whatever more it might send is
        // not this range's bytes, so the connection is dropped rather than drained
        Source.Body done = body;
        body = null;
        transfer.drop(done);
        return false;
      }
      if (declaredEnd >= 0) want = Math.min(want, declaredEnd - piece.position());
      int n = in.read(buffer, 0, (int) want);
      if (n < 0 && piece.position() == declaredEnd) {
        // a server may answer with less than was asked (some cap open ranges); it always sends at least a byte
        Source.Body done = body;
        body = null;
        transfer.finish(done);
        return false;
      }
      if (n < 0) {
        throw new IOException("connection closed early: got bytes up to " + piece.position() + " of a piece ending at "
            + piece.end());
      }
      transfer.limiter().take(n);
      long pos = piece.position();
      int keep = (int) table.writable(piece, n);
      if (keep > 0) {
        try {
          transfer.sink().write(buffer, keep, pos);
        } catch (IOException e) {
          throw new SinkFailed(e);
        }
        transfer.progress(table.advance(piece, keep));
      }
    }
  }
}
