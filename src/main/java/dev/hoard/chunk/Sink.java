package dev.hoard.chunk;

import java.io.IOException;

/** Where the pieces land: positional writes into one file. A failure here is local (disk full), never retried. */
@FunctionalInterface
public interface Sink {
  void write(byte[] bytes, int length, long position) throws LocalWriteException;

  /** A write to the local file failed: the disk is full or the folder became unwritable. */
  final class LocalWriteException extends IOException {
    public LocalWriteException(String message, IOException cause) {
      super(message, cause);
    }
  }
}
