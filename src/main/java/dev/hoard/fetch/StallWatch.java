package dev.hoard.fetch;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The stall rule for every byte a connection delivers, status line, headers and body alike: a connection that
 * delivers less than {@value #STALL_BYTES} bytes while hoard waits a whole {@code --timeout} on it is stalled. Only
 * time spent waiting on the server counts: a reader paced by {@code --limit-rate} is not stalled. Not thread-safe:
 * a connection serves one request at a time.
 */
final class StallWatch {
  static final long STALL_BYTES = 1024;

  private final long windowNanos;
  private long waited;
  private long bytes;

  StallWatch(Duration timeout) {
    this.windowNanos = timeout.toNanos();
  }

  /** A request went out: its answer starts a fresh window. */
  void reset() {
    waited = 0;
    bytes = 0;
  }

  /**
   * Counts one read that waited {@code nanos} and returned {@code n} bytes (-1 at the end of the stream).
   *
   * @throws SocketTimeoutException when the window closed with too few bytes in it
   */
  void read(long nanos, int n) throws SocketTimeoutException {
    waited += nanos;
    if (n > 0) bytes += n;
    if (waited < windowNanos) return;
    if (bytes < STALL_BYTES) {
      throw new SocketTimeoutException("stalled: less than 1 KiB in " + Duration.ofNanos(windowNanos).toMillis() + " ms");
    }
    waited = 0;
    bytes = 0;
  }
}
