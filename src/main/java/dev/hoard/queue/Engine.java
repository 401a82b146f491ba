package dev.hoard.queue;

import dev.hoard.chunk.RateLimiter;
import dev.hoard.fetch.Backoff;
import dev.hoard.fetch.Fetcher;
import dev.hoard.report.Listener;
import dev.hoard.runtime.Clock;
import dev.hoard.runtime.Threads;
import dev.hoard.store.Folder;
import dev.hoard.url.Origin;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every download of one run shares: the options, the HTTP fetcher, the folder, the rate limiter, the threads of
 * the inner pools, the resume-state saver, and the stop switch.
 */
final class Engine implements AutoCloseable {
  final RunOptions options;
  final Fetcher fetcher;
  final Folder folder;
  final Listener listener;
  final RateLimiter limiter;
  final Backoff backoff;
  final ExecutorService workers;
  final ScheduledExecutorService saver;
  private final Set<Runnable> stoppers = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  Engine(RunOptions options, Fetcher fetcher, Folder folder, Listener listener, Backoff backoff) {
    this.options = options;
    this.fetcher = fetcher;
    this.folder = folder;
    this.listener = listener;
    this.backoff = backoff;
    this.limiter = new RateLimiter(options.limitRate(), Clock.SYSTEM);
    // bounded by the pools: at most -j downloads each running at most its connections; idle threads end after 30 s
    this.workers = new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 30,
        java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), Threads.daemon("hoard-piece"));
    this.saver = Executors.newSingleThreadScheduledExecutor(Threads.daemon("hoard-state"));
  }

  private final java.util.concurrent.ConcurrentMap<String, AtomicInteger> activeByHost =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Counts a download as running against {@code url}'s host until the returned registration is closed. */
  Registration active(java.net.URI url) {
    String host = Origin.of(url).toString();
    activeByHost.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    return () -> activeByHost.get(host).decrementAndGet();
  }

  /**
   * How many more connections a download from {@code url} holding {@code held} may open now: no more than the pool
   * has spare for the host, nor past its fair share of {@code --max-per-host} among the downloads from that host,
   * so the first file of a list does not take every connection while the next ones get one each.
   */
  int room(java.net.URI url, int held) {
    AtomicInteger active = activeByHost.get(Origin.of(url).toString());
    int share = Math.max(1, options.maxPerHost() / Math.max(1, active == null ? 1 : active.get()));
    return Math.min(fetcher.http().spareConnections(url), share - held);
  }

  /** Stops every running download: pieces save their progress and end. */
  void stop() {
    stopping = true;
    stoppers.forEach(Runnable::run);
    fetcher.cancelPending();
    limiter.release();
  }

  boolean stopping() {
    return stopping;
  }

  /** A registered stopper; closing it unregisters it. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Registers what stops one running download; the returned handle unregisters it. */
  Registration onStop(Runnable stopper) {
    stoppers.add(stopper);
    if (stopping) stopper.run();
    return () -> stoppers.remove(stopper);
  }

  @Override
  public void close() {
    saver.shutdownNow();
    workers.shutdownNow();
  }
}
