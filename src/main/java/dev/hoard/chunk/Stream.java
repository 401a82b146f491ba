package dev.hoard.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * One plain stream into the file, for a server that ignores ranges, gives no length or compresses the body: bytes
 * land in order from offset 0, paced by the shared limiter. Stalls are caught by the socket under {@code in}.
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
   * Copies {@code in} into {@code sink} from offset 0; returns the bytes copied. A failure of the sink comes out as
   * the sink threw it; one of the stream as its own.
   *
   * @param maxBytes the largest body accepted
   */
  public static long copy(InputStream in, Sink sink, RateLimiter limiter, long maxBytes, LongConsumer progress,
      BooleanSupplier stopped) throws IOException {
    byte[] buffer = new byte[PieceWorker.BUFFER];
    long pos = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (stopped.getAsBoolean()) throw new IOException("stopped");
      if (pos + n > maxBytes) throw new TooLargeException("file is larger than --max-filesize (" + maxBytes + " bytes)");
      limiter.take(n);
      sink.write(buffer, n, pos);
      pos += n;
      progress.accept(n);
    }
    return pos;
  }
}
