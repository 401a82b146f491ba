package dev.hoard.download;

import dev.hoard.chunk.RateLimiter;
import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.Retrier;
import dev.hoard.plan.Job;
import dev.hoard.report.Listener;
import dev.hoard.runtime.StopSignal;
import dev.hoard.runtime.Threads;
import dev.hoard.store.Folder;
import dev.hoard.store.FileOrigin;
import dev.hoard.store.LocalFailure;
import dev.hoard.store.PartFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The downloads of one run and what they share: the options, the fetcher and its retries, the folder, the report,
 * the rate limiter, the concurrency policy, the threads of the inner pools and the resume-state timer.
 */
public final class Downloads implements AutoCloseable {
  final DownloadOptions options;
  final Fetcher fetcher;
  final Retrier retrier;
  final Folder folder;
  final Listener listener;
  final RateLimiter limiter;
  final ConcurrencyPolicy policy;
  final ExecutorService workers;
  final ScheduledExecutorService stateTimer;
  /** Bytes that landed in this run, in every download: the summary's "downloaded". */
  final LongAdder transferred = new LongAdder();

  public Downloads(DownloadOptions options, Fetcher fetcher, Retrier retrier, Folder folder, Listener listener,
      RateLimiter limiter, ConcurrencyPolicy policy) {
    this.options = options;
    this.fetcher = fetcher;
    this.retrier = retrier;
    this.folder = folder;
    this.listener = listener;
    this.limiter = limiter;
    this.policy = policy;
    // bounded by the pools: at most -j downloads each running at most its connections; idle threads end after 30 s
    this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        Threads.daemon("hoard-piece"));
    this.stateTimer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("hoard-state"));
  }

  /**
   * Downloads {@code job} into {@code relative} (a safe path inside the folder). A failure is a result; only a local
   * failure, which stops the run, is thrown.
   *
   * @param id the download's id in the run, for the report's events
   * @param homes the headers that go to each of the job's URLs (its mirrors too) at its own origin only
   * @param naming where to go when the server offers a name, or the path is another URL's on disk
   */
  public Landed run(long id, Job job, String relative, Function<URI, HomeHeaders> homes, Naming naming)
      throws LocalFailure {
    try {
      return new Download(this, id, job, homes, naming).run(relative);
    } catch (LocalFailure e) {
      String shown = folder.showIn(e.getMessage());
      throw shown.equals(e.getMessage()) ? e : new LocalFailure(shown, e.getCause(), e.result());
    }
  }

  /**
   * What is on disk at {@code relative}: null for nothing this download cannot use (no file; or an unfinished part
   * of no recorded URL, which it may resume); otherwise the URL the file or part records, or "" when the file
   * records none (another tool's, an older hoard's) or is a folder.
   */
  public String diskOwner(String relative) {
    Path target = folder.root().resolve(relative);
    // (a symbolic link whose target is gone looks free here: asking with Files.isSymbolicLink makes an exception for
    // each free name, 5 % of tiny's time; the commit finds it and says so, PartFile.commit)
    if (target.toFile().exists()) {
      String origin = FileOrigin.of(target);
      return origin == null ? "" : origin;
    }
    Path part = PartFile.partOf(target);
    return part.toFile().exists() ? FileOrigin.of(part) : null;
  }

  /** The URL the file at {@code relative} records, as reports show it; null when it records none. */
  public String origin(String relative) {
    String url = FileOrigin.of(folder.root().resolve(relative));
    return url == null || url.isEmpty() ? null : url;
  }

  /** A path inside the folder as messages name it: DIR as it was given, then {@code relative}. */
  public String show(String relative) {
    return folder.show(folder.root().resolve(relative));
  }

  /** Moves a finished file of this run from {@code from} to {@code to}, both paths inside the folder. */
  public void move(String from, String to) throws IOException {
    Path source = folder.root().resolve(from);
    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) return;
    PartFile.move(source, folder.resolve(to));
  }

  /** The bytes downloaded so far in this run: not those a resume found on disk, nor files already there. */
  public long transferred() {
    return transferred.sum();
  }

  StopSignal stop() {
    return retrier.stop();
  }

  @Override
  public void close() {
    stateTimer.shutdownNow();
    workers.shutdownNow();
  }
}
