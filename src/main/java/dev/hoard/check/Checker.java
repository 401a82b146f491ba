package dev.hoard.check;

import dev.hoard.fetch.Deadline;
import dev.hoard.fetch.Failure;
import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.Response;
import dev.hoard.runtime.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks one URL: {@code HEAD}, or {@code GET} when the server refuses {@code HEAD} with 405 or 501, redirects
 * followed, all within one {@code --timeout}. A status of 400 or more, or a failed request, counts as down once
 * {@code retries} more attempts agree.
 */
final class Checker {
  /** The most of a {@code GET} body read before the connection is dropped. */
  static final int GET_PEEK = 8 * 1024;

  private final Fetcher fetcher;
  private final int retries;
  private final Duration pause;
  private final Clock clock;

  /**
   * @param retries attempts after the first before a site counts as down
   * @param pause the wait between two attempts
   */
  Checker(Fetcher fetcher, int retries, Duration pause, Clock clock) {
    if (retries < 0) throw new IllegalArgumentException("retries must be >= 0: " + retries);
    this.fetcher = fetcher;
    this.retries = retries;
    this.pause = pause;
    this.clock = clock;
  }

  /** Checks {@code url}, retrying while it looks down; the result of the last attempt. Never throws. */
  CheckResult check(URI url) {
    CheckResult result = attempt(url);
    for (int retry = 0; retry < retries && !result.up(); retry++) {
      try {
        clock.sleep(pause);
      } catch (InterruptedException e) {
        // the run is stopping: what we have is the answer
        Thread.currentThread().interrupt();
        return result;
      }
      result = attempt(url);
    }
    return result;
  }

  private CheckResult attempt(URI url) {
    long start = clock.nanoTime();
    HomeHeaders credentials = HomeHeaders.of(url, List.of());
    // one --timeout for the whole check: the HEAD, the GET after it and that body
    Deadline deadline = Deadline.after(fetcher.http().settings().timeout(), clock);
    try {
      int status;
      String reason;
      try (Response head = fetcher.open("HEAD", url, List.of(), credentials, deadline)) {
        status = head.status();
        reason = head.error().getMessage();
        head.release();
      }
      if (status == 405 || status == 501) {
        try (Response get = fetcher.open("GET", url, List.of(), credentials, deadline)) {
          status = get.status();
          reason = get.error().getMessage();
          if (peek(get)) get.release();
        }
      }
      long ms = millisSince(start);
      return status >= 400 ? CheckResult.down(url, status, ms, reason) : CheckResult.up(url, status, ms);
    } catch (IOException | RuntimeException e) {
      return CheckResult.down(url, 0, millisSince(start), Failure.describe(e));
    }
  }

  /** Reads up to {@link #GET_PEEK} bytes of the body; true when that was all of it, so the connection can be kept. */
  private static boolean peek(Response response) throws IOException {
    InputStream in = response.body();
    byte[] buffer = new byte[GET_PEEK];
    int total = 0;
    while (total < GET_PEEK) {
      int n = in.read(buffer, total, GET_PEEK - total);
      if (n < 0) return true;
      total += n;
    }
    return in.read() < 0;
  }

  private long millisSince(long start) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - start));
  }
}
