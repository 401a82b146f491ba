package dev.hoard.download;

import dev.hoard.chunk.ByteRange;
import dev.hoard.chunk.PieceTable;
import dev.hoard.store.LocalFailure;
import dev.hoard.store.ResumeState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Saves a download's resume state when it changed: the written ranges come from the piece table, which counts a
 * byte only after its write returned, so the state never claims bytes that are not in the part file. The validators
 * are asked for after the ranges: a mirror learns its validators before its first byte is written, so a state that
 * claims a mirror's bytes names that mirror's version too.
 */
final class StateSaver {
  private final ResumeState base;
  private final Path file;
  private final PieceTable table;
  private final UnaryOperator<ResumeState> validated;
  private long lastWritten = -1;
  private boolean closed;

  StateSaver(ResumeState base, Path file, PieceTable table) {
    this(base, file, table, UnaryOperator.identity());
  }

  /** @param validated gives a state the validators known now (of each mirror) */
  StateSaver(ResumeState base, Path file, PieceTable table, UnaryOperator<ResumeState> validated) {
    this.base = base;
    this.file = file;
    this.table = table;
    this.validated = validated;
  }

  /** Saves the state if it changed; a failure is local (disk full, folder unwritable) and stops the run. */
  synchronized void saveNow() throws LocalFailure {
    List<ByteRange> done = table.doneRanges();
    long written = table.written();
    if (closed || written == lastWritten) return;
    try {
      validated.apply(base.withDone(done)).save(file);
    } catch (IOException e) {
      throw LocalFailure.writing("the resume state " + file, e);
    }
    lastWritten = written;
  }

  /**
   * Ends saving, waiting for a save in progress: the download is whole, and a timer tick still running must not
   * write the state back after the rename removed it.
   */
  synchronized void close() {
    closed = true;
  }

  /** For the periodic saver: a failed save is retried at the next tick, and the final save reports it. */
  void saveQuietly() {
    try {
      saveNow();
    } catch (IOException | RuntimeException ignored) {
      // the next tick or the final save tries again
    }
  }
}
