package dev.hoard.queue;

import dev.hoard.chunk.RateLimiter;
import dev.hoard.download.ConcurrencyPolicy;
import dev.hoard.download.Downloads;
import dev.hoard.fetch.Backoff;
import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.Http;
import dev.hoard.fetch.HttpSettings;
import dev.hoard.fetch.Retrier;
import dev.hoard.plan.LinksFile;
import dev.hoard.report.Listener;
import dev.hoard.report.Summary;
import dev.hoard.runtime.Clock;
import dev.hoard.runtime.StopSignal;
import dev.hoard.store.Folder;
import dev.hoard.store.LocalFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** One {@code hoard get} run: sets up the shared client, folder and pools, runs the scheduler, tears down. */
public final class Run {
  private Run() {}

  /**
   * How a run ended, for the exit status.
   *
   * @param localFailure what stopped the run on this machine (disk full, folder unwritable), or null
   */
  public record Result(Summary summary, boolean badLines, LocalFailure localFailure, boolean interrupted) {}

  /**
   * Downloads every entry.
   *
   * @param onInterrupt registers what to do on SIGINT/SIGTERM
   */
  public static Result get(RunOptions options, Iterator<LinksFile.Entry> entries, Listener listener,
      Consumer<Runnable> onInterrupt) throws InterruptedException {
    return get(options, entries, listener, Fetcher.Observer.NONE, onInterrupt);
  }

  /**
   * Downloads every entry, telling {@code requests} of each HTTP request ({@code -v}).
   *
   * @param onInterrupt registers what to do on SIGINT/SIGTERM
   */
  public static Result get(RunOptions options, Iterator<LinksFile.Entry> entries, Listener listener,
      Fetcher.Observer requests, Consumer<Runnable> onInterrupt) throws InterruptedException {
    Folder folder;
    try {
      folder = Folder.open(options.dir());
    } catch (LocalFailure e) {
      listener.problem(e.getMessage());
      listener.close();
      return new Result(new Summary(0, 0, 0, 0, 0), false, e, false);
    }
    ConcurrencyPolicy policy = new ConcurrencyPolicy(options.jobs(), options.download().connections(),
        options.maxPerHost());
    HttpSettings settings = new HttpSettings(options.timeout(), options.userAgent(), policy.maxPerHost(),
        policy.poolSize());
    Backoff backoff = Backoff.startingAt(options.retries(), options.retryWait(),
        () -> ThreadLocalRandom.current().nextDouble());
    StopSignal stop = new StopSignal();
    AtomicBoolean interrupted = new AtomicBoolean();
    try (Http http = new Http(settings, options.network())) {
      Fetcher fetcher = new Fetcher(http, requests);
      policy.watch(http);
      RateLimiter limiter = new RateLimiter(options.limitRate(), Clock.SYSTEM);
      stop.onStop(fetcher::cancelPending);
      stop.onStop(limiter::release);
      Retrier retrier = new Retrier(backoff, Clock.SYSTEM, stop, Retrier.Observer.NONE);
      try (Downloads downloads = new Downloads(options.download(), fetcher, retrier, folder, listener, limiter, policy)) {
        onInterrupt.accept(() -> {
          interrupted.set(true);
          stop.stop();
        });
        Scheduler.Crawl crawl = options.crawl().map(c -> Crawling.create(fetcher, listener, c, folder.root())).orElse(null);
        Scheduler.Tally tally = new Scheduler(options, policy, downloads, listener, stop, crawl).run(entries);
        return new Result(tally.summary(), tally.badLines(), tally.localFailure(), interrupted.get());
      }
    } catch (IOException e) {
      return new Result(new Summary(0, 0, 0, 0, 0), false, new LocalFailure(e.getMessage(), e), interrupted.get());
    } finally {
      listener.close();
    }
  }
}
