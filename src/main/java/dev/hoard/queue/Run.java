package dev.hoard.queue;

import dev.hoard.fetch.Backoff;
import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.Http;
import dev.hoard.fetch.HttpSettings;
import dev.hoard.plan.LinksFile;
import dev.hoard.report.Listener;
import dev.hoard.report.Summary;
import dev.hoard.store.Folder;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/** One {@code hoard get} run: sets up the shared client, folder and pools, runs the scheduler, tears down. */
public final class Run {
  private Run() {}

  /** How a run ended, for the exit status. */
  public record Result(Summary summary, boolean badLines, String localError, boolean interrupted) {}

  /**
   * Downloads every entry.
   *
   * @param onInterrupt registers what to do on SIGINT/SIGTERM
   */
  public static Result get(RunOptions options, Iterator<LinksFile.Entry> entries, Listener listener,
      Consumer<Runnable> onInterrupt) throws InterruptedException {
    Folder folder;
    try {
      folder = Folder.open(options.dir());
    } catch (Folder.UnwritableException e) {
      listener.problem(e.getMessage());
      return new Result(new Summary(0, 0, 0, 0, 0), false, e.getMessage(), false);
    }
    int connections = options.connections() > 0 ? options.connections() : dev.hoard.chunk.Transfer.AUTO_MAX;
    int total = Math.max(options.maxPerHost(), options.jobs() * connections);
    HttpSettings settings = new HttpSettings(options.timeout(), options.userAgent(), options.maxPerHost(), total);
    Backoff backoff = new Backoff(options.retries(), options.retryWait(), Duration.ofSeconds(30),
        () -> ThreadLocalRandom.current().nextDouble());
    java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
    try (Http http = new Http(settings);
         Engine engine = new Engine(options, new Fetcher(http), folder, listener, backoff)) {
      onInterrupt.accept(() -> {
        interrupted.set(true);
        engine.stop();
      });
      Scheduler.Crawl crawl = options.crawl() == null ? null : Crawling.create(engine, options.crawl());
      Scheduler.Outcome outcome = new Scheduler(engine, crawl).run(entries);
      String local = outcome.localError() == null ? null : outcome.localError().getMessage();
      return new Result(outcome.summary(), outcome.badLines(), local, interrupted.get());
    } catch (java.io.IOException e) {
      return new Result(new Summary(0, 0, 0, 0, 0), false, e.getMessage(), interrupted.get());
    } finally {
      listener.close();
    }
  }
}
