package dev.hoard.fetch;

import dev.hoard.runtime.Clock;
import dev.hoard.runtime.StopSignal;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Tries a request again after a failure another attempt may fix, as {@link Backoff} decides, waiting on the run's
 * clock and cut short by its stop signal; each retry is told to an {@link Observer} so a person sees it.
 */
public final class Retrier {
  /** Hears of each retry before its wait. */
  @FunctionalInterface
  public interface Observer {
    /**
     * @param attempt the attempt that failed, from 1
     * @param of the attempts there may be in all
     */
    void retrying(URI url, IOException failure, int attempt, int of, Duration wait);

    Observer NONE = (url, failure, attempt, of, wait) -> {};
  }

  /** One attempt of a request. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws IOException;
  }

  private final Backoff backoff;
  private final Clock clock;
  private final StopSignal stop;
  private final Observer observer;
  /** Failures not tried again, whatever the backoff says. */
  private final Predicate<IOException> noRetry;

  public Retrier(Backoff backoff, Clock clock, StopSignal stop, Observer observer) {
    this(backoff, clock, stop, observer, failure -> false);
  }

  private Retrier(Backoff backoff, Clock clock, StopSignal stop, Observer observer, Predicate<IOException> noRetry) {
    this.backoff = backoff;
    this.clock = clock;
    this.stop = stop;
    this.observer = observer;
    this.noRetry = noRetry;
  }

  /** Runs {@code attempt} until it succeeds, fails for good or the run stops; the last failure is thrown. */
  public <T> T run(URI url, Attempt<T> attempt) throws IOException {
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (IOException e) {
        Duration wait = delay(url, e, n);
        if (wait == null) throw e;
        pause(wait);
      }
    }
  }

  /**
   * The wait before trying {@code url} again after {@code failure} on attempt {@code attempt} (from 1), announced to
   * the observer; null when it must not be tried again (or the run is stopping).
   *
   * @throws GiveUpException when the server asks for a wait longer than hoard honours
   */
  public Duration delay(URI url, IOException failure, int attempt) throws GiveUpException {
    if (stop.stopped() || noRetry.test(failure)) return null;
    Duration wait = backoff.delay(failure, attempt);
    if (wait != null) observer.retrying(url, failure, attempt, backoff.retries() + 1, wait);
    return wait;
  }

  /** Waits before a retry; a stop ends the wait with an InterruptedIOException. */
  public void pause(Duration wait) throws InterruptedIOException {
    stop.pause(clock, wait);
  }

  /** The same retries, each told to {@code other}: one download's own observer. */
  public Retrier observed(Observer other) {
    return new Retrier(backoff, clock, stop, other, noRetry);
  }

  /** The same retries, except that a failure {@code giveUp} accepts is final at once (one mirror among others). */
  public Retrier givingUpAtOnceOn(Predicate<IOException> giveUp) {
    return new Retrier(backoff, clock, stop, observer, noRetry.or(giveUp));
  }

  public Clock clock() {
    return clock;
  }

  public StopSignal stop() {
    return stop;
  }
}
