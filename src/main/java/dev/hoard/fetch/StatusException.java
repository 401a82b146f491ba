package dev.hoard.fetch;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;

/** The server answered with an error status: {@code 404 Not Found}, {@code 503 Service Unavailable}. */
public final class StatusException extends IOException {
  private final int status;
  private final Duration retryAfter;

  public StatusException(int status, String reason, Duration retryAfter) {
    super((status + " " + (reason == null || reason.isBlank() ? standardReason(status) : reason.strip())).strip());
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** The status answer that {@code failure} is, or that caused it (a wait too long to honour); null when none. */
  public static StatusException in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusException s) return s;
    }
    return null;
  }

  /** The reason phrase of the HTTP specification, for a server that sends none (or an empty string). */
  private static String standardReason(int status) {
    String r = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ROOT);
    return r == null ? "" : r;
  }

  public int status() {
    return status;
  }

  /** The server's {@code Retry-After}, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** 408, 429 and 5xx are worth another try; other 4xx are not. */
  public boolean retryable() {
    return status == 408 || status == 429 || status >= 500;
  }
}
