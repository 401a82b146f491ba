package dev.hoard.fetch;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLHandshakeException;

/**
 * When to try a failed request again: exponential backoff with jitter, the server's {@code Retry-After} honoured up
 * to {@link #MAX_RETRY_AFTER}, and no retry at all for failures another attempt cannot fix.
 */
public final class Backoff {
  public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  /** Where doubling waits stop growing. */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private final int retries;
  private final Duration base;
  private final Duration cap;
  private final DoubleSupplier random;

  /**
   * @param retries attempts after the first
   * @param base the first wait; each later one doubles, up to {@code cap}
   * @param random a source of numbers in [0, 1) for the jitter
   */
  public Backoff(int retries, Duration base, Duration cap, DoubleSupplier random) {
    if (retries < 0) throw new IllegalArgumentException("retries must be >= 0: " + retries);
    this.retries = retries;
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /**
   * {@code get}'s backoff ({@code --retries}, {@code --retry-wait}): waits double from {@code first} up to
   * {@link #LONGEST_WAIT}, or stay at {@code first} when the user asked for a longer one.
   */
  public static Backoff startingAt(int retries, Duration first, DoubleSupplier random) {
    return new Backoff(retries, first, first.compareTo(LONGEST_WAIT) > 0 ? first : LONGEST_WAIT, random);
  }

  public int retries() {
    return retries;
  }

  /**
   * How long to wait before attempt {@code attempt + 1} after {@code failure} ({@code attempt} counts from 1), or
   * null when the request must not be tried again; a server asking to wait too long becomes a {@link GiveUpException}.
   */
  public Duration delay(IOException failure, int attempt) throws GiveUpException {
    if (!retryable(failure) || attempt > retries) return null;
    if (failure instanceof StatusException s && s.retryAfter() != null) {
      if (s.retryAfter().compareTo(MAX_RETRY_AFTER) > 0) {
        throw new GiveUpException(s.getMessage() + ": server asks to wait " + s.retryAfter().toSeconds() + " s", s);
      }
      return s.retryAfter();
    }
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    // "equal jitter": at least half the ceiling, so retries spread out but never hammer
    return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
  }

  /** Resets, timeouts, 408, 429 and 5xx are worth another try; other statuses and fatal failures are not. */
  public static boolean retryable(IOException failure) {
    if (failure instanceof NotRetryableException) return false;
    if (failure instanceof StatusException s) return s.retryable();
    if (failure instanceof SSLHandshakeException) return false;
    if (failure instanceof UnknownHostException) return false;
    return true;
  }
}
