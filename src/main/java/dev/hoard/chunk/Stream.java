package dev.hoard.chunk;

import dev.hoard.runtime.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * One plain stream into the file, for a server that ignores ranges, gives no length or compresses the body: bytes
 * land in order from offset 0, paced by the shared limiter and watched for stalls.
 */
public final class Stream {
  private Stream() {}

  /** The body would pass {@code --max-filesize}. */
  public static final class TooLargeException extends IOException {
    public TooLargeException(String message) {
      super(message);
    }
  }

  /**
   * Copies {@code in} into {@code sink} from offset 0; returns the bytes copied.
   *
   * @param maxBytes the largest body accepted; -1 for any
   */
  public static long copy(InputStream in, Sink sink, RateLimiter limiter, Clock clock, Duration timeout,
      long maxBytes, LongConsumer progress, BooleanSupplier stopped) throws IOException {
    byte[] buffer = new byte[PieceWorker.BUFFER];
    long pos = 0;
    long window = clock.nanoTime();
    long windowBytes = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (stopped.getAsBoolean()) throw new IOException("stopped");
      if (maxBytes >= 0 && pos + n > maxBytes) {
        throw new TooLargeException("file is larger than --max-filesize (" + maxBytes + " bytes)");
      }
      long paced = clock.nanoTime();
      limiter.take(n);
      // time spent waiting on --limit-rate is hoard's own, not the server's: it does not count toward a stall
      window += clock.nanoTime() - paced;
      sink.write(buffer, n, pos);
      pos += n;
      progress.accept(n);
      windowBytes += n;
      long now = clock.nanoTime();
      if (now - window >= timeout.toNanos()) {
        if (windowBytes < PieceWorker.STALL_BYTES) {
          throw new java.net.SocketTimeoutException("stalled: less than 1 KiB in " + timeout.toMillis() + " ms");
        }
        window = now;
        windowBytes = 0;
      }
    }
    return pos;
  }
}
