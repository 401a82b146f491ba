package dev.hoard.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/** Where a file's bytes come from: byte ranges of one remote file. Implemented over HTTP outside this package. */
public interface Source {
  /** An open stream of bytes starting at a requested offset. */
  interface Body extends AutoCloseable {
    InputStream stream() throws IOException;

    /** Where the bytes of this response end (exclusive), as its server declared them; -1 when it did not say. */
    default long end() {
      return -1;
    }

    /** Drops the stream at once (its connection is discarded, not drained). */
    void abort();

    /** Closes a stream read to its end, keeping its connection for reuse. */
    @Override
    void close();
  }

  /**
   * Opens bytes {@code [start, end)} of the file. The implementation makes sure the bytes really start at
   * {@code start} and belong to the same version of the file, or throws.
   */
  Body open(long start, long end) throws IOException;

  /** When to try again after {@code failure} on attempt {@code attempt} (from 1), or null to give up. */
  Duration retryDelay(IOException failure, int attempt) throws IOException;
}
