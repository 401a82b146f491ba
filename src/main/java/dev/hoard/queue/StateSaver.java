package dev.hoard.queue;

import dev.hoard.chunk.PieceTable;
import dev.hoard.store.ResumeState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Saves a download's resume state when it changed: the written ranges come from the piece table, which counts a
 * byte only after its write returned, so the state never claims bytes that are not in the part file.
 */
final class StateSaver {
  private final ResumeState base;
  private final Path file;
  private final PieceTable table;
  private long lastWritten = -1;

  StateSaver(ResumeState base, Path file, PieceTable table) {
    this.base = base;
    this.file = file;
    this.table = table;
  }

  synchronized void saveNow() throws IOException {
    List<long[]> done = table.doneRanges();
    long written = table.written();
    if (written == lastWritten) return;
    base.withDone(done).save(file);
    lastWritten = written;
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
