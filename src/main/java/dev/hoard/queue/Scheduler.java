package dev.hoard.queue;

import dev.hoard.download.ConcurrencyPolicy;
import dev.hoard.download.Downloads;
import dev.hoard.download.Landed;
import dev.hoard.download.Naming;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.plan.Job;
import dev.hoard.plan.LineError;
import dev.hoard.plan.LinksFile;
import dev.hoard.report.DownloadResult;
import dev.hoard.report.Listener;
import dev.hoard.report.Summary;
import dev.hoard.runtime.StopSignal;
import dev.hoard.runtime.Threads;
import dev.hoard.store.LocalFailure;
import dev.hoard.store.SafeName;
import dev.hoard.url.Redact;
import dev.hoard.url.UrlNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outer pool ({@code -j}): pulls jobs from the links file as it streams and from the crawl, drops duplicates and
 * other shards, gives each a distinct file name in list order, runs each once the concurrency policy gives it a slot,
 * collects their results and takes the links that crawled pages yield.
 */
final class Scheduler {
  /** What a finished page adds to the run, with {@code -r}. */
  interface Crawl {
    /** The name a URL lands under, relative to the folder. */
    String pathOf(Job job);

    /**
     * Whether the job may be fetched at all (scope, robots, page cap); called in dispatch order, once more for a URL
     * it turned away each time that URL is found again.
     */
    boolean admit(Job job);

    /** The jobs the finished download leads to (nothing for a file that is not a page). */
    List<Job> linksOf(Job job, Landed landed);

    /**
     * What admitting the job must wait for (its host's robots.txt being fetched), or null: the scheduler brings the
     * job back once it completes, and dispatches other jobs meanwhile.
     */
    default CompletionStage<?> waitFor(Job job) {
      return null;
    }

    /** Called on the job's thread right before it is fetched: {@code --wait} paces requests to one host here. */
    default void beforeFetch(Job job) throws InterruptedException {}

    /** The links of a page already fetched, reached again closer to its listed page than the first time. */
    List<Job> reachedSooner(Job job);

    /** A landed file moved from {@code from} to {@code to} (relative to the folder): a folder needed its name. */
    default void moved(String from, String to) {}

    /** Takes found jobs (the links of a page, or those {@link #reachedSooner} gives) to dispatch later. */
    void queue(List<Job> found);

    /** The next found job to dispatch, or null when none waits. */
    Job next();

    /** Whether found jobs wait to be dispatched. */
    boolean hasQueued();

    /** Called once every download is over, before the summary; {@code stopped} when the run was interrupted. */
    default void finished(boolean stopped) {}

    /** Called when the download is over: a page fetched only to find links is deleted (true then). */
    default boolean after(Job job, Landed landed) {
      return false;
    }
  }

  private static final Object WAKE = new Object();
  /** The error of a download cut short by SIGINT/SIGTERM (docs/output.md). */
  private static final String INTERRUPTED = "interrupted";

  private final RunOptions options;
  private final ConcurrencyPolicy policy;
  private final Downloads downloads;
  private final Listener listener;
  private final StopSignal stop;
  private final Crawl crawl;
  private final Names names;
  /** The paths of the downloads running now, and the jobs waiting for one of them to land. */
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final List<Job> waiting = new ArrayList<>();
  /** Jobs waiting to be admitted, by what they wait for; touched by the dispatching thread only. */
  private final Map<CompletionStage<?>, List<Job>> waitingOn = new HashMap<>();
  /** The hashes of the URLs admitted so far: about 20 bytes each. */
  private final LongLongMap seen = new LongLongMap();
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  /** The size of the files found already there, kept apart from the bytes downloaded now. */
  private final AtomicLong alreadyThere = new AtomicLong();
  private final AtomicLong interrupted = new AtomicLong();
  /** Each download's id in the run, for the report's events. */
  private final AtomicLong ids = new AtomicLong();
  private long admitted;
  private volatile LocalFailure localFailure;
  private long badLines;

  Scheduler(RunOptions options, ConcurrencyPolicy policy, Downloads downloads, Listener listener, StopSignal stop,
      Crawl crawl) {
    this.options = options;
    this.policy = policy;
    this.downloads = downloads;
    this.listener = listener;
    this.stop = stop;
    this.crawl = crawl;
    this.names = new Names(options.download().overwrite() ? Scheduler.replaceable(downloads) : downloads::diskOwner);
  }

  /**
   * The disk as {@code --overwrite} sees it: a file of no recorded URL may be replaced, but one that records another
   * URL stays that URL's, so a rerun downloads each URL again under the name it got, never over another's file.
   */
  private static Names.Disk replaceable(Downloads downloads) {
    return path -> {
      String owner = downloads.diskOwner(path);
      return owner == null || owner.isEmpty() ? null : owner;
    };
  }

  /** A job that waited for a download to land before its path could be made: it was admitted already. */
  private record Waited(Job job) {}

  /** What some jobs' admission waited for is there: they come back, in order, to be admitted. */
  private record Back(CompletionStage<?> stage) {}

  /** What a run came to. */
  record Tally(Summary summary, boolean badLines, LocalFailure localFailure) {}

  Tally run(Iterator<LinksFile.Entry> entries) throws InterruptedException {
    long start = System.nanoTime();
    ExecutorService outer = Executors.newFixedThreadPool(policy.jobs(), Threads.daemon("hoard-job"));
    try {
      while (!stop.stopped()) {
        Object next = events.poll();
        if (next == WAKE) {
          retryWaiting();
          continue;
        }
        // found links before more listed ones, as they came
        if (next == null && crawl != null) next = crawl.next();
        if (next == null && entries.hasNext()) {
          LinksFile.Entry entry = entries.next();
          if (entry instanceof LineError bad) {
            listener.badLine(bad.source(), bad.line(), bad.reason());
            badLines++;
            continue;
          }
          next = entry;
        }
        if (next == null) {
          // a finished job queues its links before it leaves inFlight: read in this order, nothing is missed
          if (inFlight.get() == 0 && events.isEmpty() && (crawl == null || !crawl.hasQueued())) {
            if (waiting.isEmpty()) break;
            retryWaiting();
            continue;
          }
          next = events.take();
          if (next == WAKE) {
            retryWaiting();
            continue;
          }
        }
        if (next instanceof Back back) {
          for (Job j : waitingOn.remove(back.stage())) events.add(j);
          inFlight.decrementAndGet();
          continue;
        }
        Job job;
        if (next instanceof Waited w) {
          job = w.job();
        } else {
          job = (Job) next;
          if (!admit(job)) continue;
        }
        String wanted;
        String name;
        try {
          wanted = wanted(job);
          if (!makeRoom(wanted)) {
            waiting.add(job);
            continue;
          }
          name = names.reserve(wanted, owner(job));
        } catch (RuntimeException e) {
          // one URL no name can be made for fails alone; the run goes on
          record(ids.incrementAndGet(), failure(job, "no safe file name: " + e.getMessage()));
          continue;
        }
        policy.acquireSlot();
        if (stop.stopped()) {
          policy.releaseSlot();
          break;
        }
        inFlight.incrementAndGet();
        running.add(name);
        long id = ids.incrementAndGet();
        outer.execute(() -> {
          try {
            DownloadResult r;
            try {
              r = runOne(id, job, name, new JobNaming(wanted, owner(job)));
            } catch (RuntimeException | Error e) {
              // whatever befell it (a bug, the heap exhausted), the download is counted and reported, never lost
              r = failure(job, e instanceof OutOfMemoryError ? LocalFailure.OUT_OF_MEMORY : "internal error: " + e);
            }
            record(id, r);
          } finally {
            running.remove(name);
            inFlight.decrementAndGet();
            policy.releaseSlot();
            events.add(WAKE);
          }
        });
      }
    } catch (UncheckedIOException e) {
      listener.problem(e.getMessage());
      badLines++;
    } catch (OutOfMemoryError e) {
      // the run's own bookkeeping outgrew the heap (a huge list under a small -Xmx): the run stops as a local failure
      // does, the downloads in flight end, and the summary still says what landed
      if (localFailure == null) localFailure = new LocalFailure(LocalFailure.OUT_OF_MEMORY, null);
      stop.stop();
      // an error, so -q shows it too: no download's record names it
      listener.problem(LocalFailure.OUT_OF_MEMORY);
    } finally {
      outer.shutdown();
      while (!outer.awaitTermination(1, TimeUnit.SECONDS)) {
        // downloads stop on their own: an interrupt aborts their connections
      }
    }
    if (crawl != null) crawl.finished(stop.stopped());
    long ms = (System.nanoTime() - start) / 1_000_000;
    // only SIGINT/SIGTERM and a local failure stop a run
    boolean signalled = stop.stopped() && localFailure == null;
    String stoppedBy = localFailure == null ? null : localFailure.getMessage();
    Summary summary = new Summary(ok.get(), skipped.get(), failed.get(), downloads.transferred(), ms,
        alreadyThere.get(), badLines, interrupted.get(), signalled, stoppedBy);
    listener.summary(summary);
    return new Tally(summary, badLines > 0, localFailure);
  }

  private boolean admit(Job job) {
    if (job.depth() == 0 && !options.shard().keeps(job.url().toString())) {
      return false;
    }
    long key = Names.hash(seenKey(job) + (job.out() == null ? "" : "\n" + job.out()));
    if (seen.get(key) != LongLongMap.MISSING) {
      // met again by a shorter path: a page whose links -l cut the first time may now have room for them
      if (crawl != null) crawl.queue(crawl.reachedSooner(job));
      return false;
    }
    if (crawl != null) {
      CompletionStage<?> wait = crawl.waitFor(job);
      if (wait != null) {
        waitFor(wait, job);
        return false;
      }
    }
    // a link turned away is not remembered: met again by a shorter path, it may be within -l there
    if (crawl != null && !crawl.admit(job)) return false;
    seen.put(key, 1);
    listener.known(++admitted);
    return true;
  }

  /**
   * Brings {@code job} back once {@code stage} completes, with the other jobs waiting on it, in the order they came:
   * a page's links keep their order. The stage counts as a download in flight, so the run does not end meanwhile.
   */
  private void waitFor(CompletionStage<?> stage, Job job) {
    List<Job> jobs = waitingOn.get(stage);
    if (jobs != null) {
      jobs.add(job);
      return;
    }
    jobs = new ArrayList<>(List.of(job));
    waitingOn.put(stage, jobs);
    inFlight.incrementAndGet();
    stage.whenComplete((done, failure) -> events.add(new Back(stage)));
  }

  /** Found links are canonical already; a listed URL is made so too with {@code -r}, or a link back to it is new. */
  private String seenKey(Job job) {
    if (crawl == null) return job.url().toString();
    URI canonical = UrlNormalizer.normalize(job.url());
    return (canonical == null ? job.url() : canonical).toString();
  }

  /** A download landed: the jobs that waited for a path to be free try again. */
  private void retryWaiting() {
    for (Job w : waiting) events.add(new Waited(w));
    waiting.clear();
  }

  /**
   * Makes the folders of {@code wanted} free of this run's files: a file named like one of them (the page
   * {@code /docs} when {@code /docs/intro} comes) moves aside to its next numbered name, as a collision would; false
   * when that file is still being downloaded, and the job must wait for it to land.
   */
  private boolean makeRoom(String wanted) {
    for (String file = names.fileInTheWay(wanted); file != null; file = names.fileInTheWay(wanted)) {
      if (running.contains(file)) return false;
      String aside = names.moveAside(file);
      try {
        downloads.move(file, aside);
        if (crawl != null) crawl.moved(file, aside);
        listener.moved(downloads.origin(aside), downloads.show(file), downloads.show(aside),
            downloads.show(wanted) + " needs it as a folder");
      } catch (IOException e) {
        listener.problem("cannot move " + downloads.show(file) + " to " + downloads.show(aside) + " to make room for "
            + downloads.show(wanted) + ": " + e.getMessage());
      }
    }
    return true;
  }

  /** The path a job asks for, before collisions: its mirror path, its {@code out=}, or its URL's last segment. */
  private String wanted(Job job) {
    if (crawl != null) return crawl.pathOf(job);
    if (job.out() != null) return SafeName.of(job.out());
    return SafeName.fromPath(job.url().getRawPath());
  }

  /** Whose a path is: the URL as files record it (password hidden). */
  private static String owner(Job job) {
    return Redact.url(job.url());
  }

  /** The naming authority as one job sees it: collisions are numbered from the path it asked for. */
  private final class JobNaming implements Naming {
    private String wanted;
    private final String owner;

    JobNaming(String wanted, String owner) {
      this.wanted = wanted;
      this.owner = owner;
    }

    @Override
    public String offered(String path, String offered) {
      wanted = path.substring(0, path.lastIndexOf('/') + 1) + offered;
      return names.reserve(wanted, owner);
    }

    @Override
    public String taken(String path, String ownerUrl) {
      names.takenOnDisk(path, ownerUrl);
      return names.reserve(wanted, owner);
    }
  }

  /** Downloads one job and, when crawling, queues its links; the result to record. */
  private DownloadResult runOne(long id, Job job, String name, Naming naming) {
    HomeHeaders home = HomeHeaders.of(job.root(), options.headers());
    Landed done;
    try {
      if (crawl != null) crawl.beforeFetch(job);
      // each mirror of a line is a listed URL of its own: its -H headers and credentials go to its own origin
      done = downloads.run(id, job, name, url -> url.equals(job.url()) ? home : HomeHeaders.of(url, options.headers()),
          naming);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = new Landed(failure(job, INTERRUPTED), null, null, null);
    } catch (LocalFailure e) {
      // the run stops (exit 3), and this download is counted and reported failed, its message the local failure's
      if (localFailure == null) localFailure = e;
      stop.stop();
      return e.result() != null ? e.result() : failure(job, e.getMessage());
    }
    DownloadResult r = done.result();
    if (crawl != null) {
      // a saved page's links are read as the run that fetched it read them
      done = done.asServed();
      List<Job> children = r.status() == DownloadResult.Status.FAILED ? List.of() : crawl.linksOf(job, done);
      // a page fetched only for its links goes before they are queued: /docs/a.pdf needs docs as a folder
      if (crawl.after(job, done)) {
        // it was read for its links and is gone: the record says so with no path rather than one that is not there
        r = new DownloadResult(r.url(), null, r.status(), r.bytes(), r.ms(), r.http(), r.error(), r.depth(), r.parent());
      }
      crawl.queue(children);
    }
    return r;
  }

  private static DownloadResult failure(Job job, String error) {
    return new DownloadResult(Redact.url(job.url()), null, DownloadResult.Status.FAILED, 0, 0, 0, error, job.depth(),
        job.parent() == null ? null : Redact.url(job.parent()));
  }

  /** Counts a result and reports it. */
  private void record(long id, DownloadResult r) {
    switch (r.status()) {
      case OK -> ok.incrementAndGet();
      case SKIPPED -> skipped.incrementAndGet();
      case FAILED -> failed.incrementAndGet();
    }
    if (r.status() == DownloadResult.Status.SKIPPED) alreadyThere.addAndGet(r.bytes());
    if (r.status() == DownloadResult.Status.FAILED && INTERRUPTED.equals(r.error())) interrupted.incrementAndGet();
    listener.finished(id, r);
  }
}
