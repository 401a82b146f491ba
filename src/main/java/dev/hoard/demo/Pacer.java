package dev.hoard.demo;

import dev.hoard.runtime.Clock;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Sends one response body no faster than a rate, as a mirror that caps each connection does: small writes, each
 * one waiting until the bytes before it are due.
 */
final class Pacer {
  private final long bytesPerSecond;
  private final Clock clock;

  /** @param bytesPerSecond the cap; 0 for none */
  Pacer(long bytesPerSecond, Clock clock) {
    if (bytesPerSecond < 0) throw new IllegalArgumentException("rate must be >= 0: " + bytesPerSecond);
    this.bytesPerSecond = bytesPerSecond;
    this.clock = clock;
  }

  /** How long to wait before more bytes go out, once {@code sent} bytes went out {@code elapsedNanos} after start. */
  static long waitNanos(long bytesPerSecond, long sent, long elapsedNanos) {
    if (bytesPerSecond == 0) return 0;
    long due = (long) (sent * 1e9 / bytesPerSecond);
    return Math.max(0, due - elapsedNanos);
  }

  /** The size of each write: a fiftieth of a second's worth, so the pace looks smooth, within 4 to 64 KiB. */
  static int chunk(long bytesPerSecond) {
    if (bytesPerSecond == 0) return 64 * 1024;
    return (int) Math.max(4 * 1024, Math.min(64 * 1024, bytesPerSecond / 50));
  }

  /** Writes {@code body[from, from + length)} to {@code out} at the rate, flushing each write. */
  void copy(byte[] body, int from, int length, OutputStream out) throws IOException, InterruptedException {
    int chunk = chunk(bytesPerSecond);
    long start = clock.nanoTime();
    for (int sent = 0; sent < length; ) {
      long wait = waitNanos(bytesPerSecond, sent, clock.nanoTime() - start);
      if (wait > 0) clock.sleepNanos(wait);
      int n = Math.min(chunk, length - sent);
      out.write(body, from + sent, n);
      out.flush();
      sent += n;
    }
  }
}
