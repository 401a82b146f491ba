package dev.hoard.check;

import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.Http;
import dev.hoard.fetch.HttpSettings;
import dev.hoard.fetch.Network;
import dev.hoard.plan.Job;
import dev.hoard.plan.LineError;
import dev.hoard.plan.LinksFile;
import dev.hoard.runtime.Clock;
import dev.hoard.runtime.Threads;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code hoard check}: checks a list once, or every {@code --watch} interval until {@link #stop()}, prints what it
 * finds and notifies each change of state. Once, every site found down is a change; watching, the first round
 * prints every site and later rounds only the changes. One run per instance.
 */
public final class CheckRun {
  /**
   * How a run ended.
   *
   * @param up sites up in the last round
   * @param down sites down in the last round
   * @param badLines lines of the links file that could not be understood
   * @param watched whether the run was a {@code --watch}
   * @param stopped whether {@link #stop()} ended it
   */
  public record Totals(int up, int down, int badLines, boolean watched, boolean stopped) {}

  static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  /** How long notifications still queued may take once the checks are over. */
  static final Duration DRAIN = Duration.ofSeconds(60);
  /** The same after a stop: a signal halts the process a few seconds later anyway. */
  static final Duration DRAIN_STOPPED = Duration.ofSeconds(2);

  private final CheckOptions options;
  private final Network network;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;
  private final java.time.Clock wall;
  private Thread runner; // guarded by this
  private boolean stopRequested; // guarded by this
  private Round.Tally latest = new Round.Tally(0, 0, 0);
  private int badLines;

  public CheckRun(CheckOptions options, PrintWriter out, PrintWriter err) {
    this(options, Network.defaults(), out, err);
  }

  /** A run whose checks (and webhook posts) go through {@code network}: its proxies and trusted certificates. */
  public CheckRun(CheckOptions options, Network network, PrintWriter out, PrintWriter err) {
    this(options, network, out, err, Clock.SYSTEM, java.time.Clock.systemDefaultZone());
  }

  CheckRun(CheckOptions options, PrintWriter out, PrintWriter err, Clock clock, java.time.Clock wall) {
    this(options, Network.defaults(), out, err, clock, wall);
  }

  /**
   * @param clock times the checks and paces the rounds
   * @param wall the time of day a watch's lines start with, in the zone they are shown in
   */
  CheckRun(CheckOptions options, Network network, PrintWriter out, PrintWriter err, Clock clock,
      java.time.Clock wall) {
    this.options = options;
    this.network = network;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.wall = wall;
  }

  /** Asks the run to end soon: checks under way are dropped, queued notifications get a short grace. */
  public void stop() {
    synchronized (this) {
      stopRequested = true;
      if (runner != null) runner.interrupt();
    }
  }

  private synchronized boolean stopRequested() {
    return stopRequested;
  }

  /** Checks the jobs of {@code entries}, reporting its bad lines on standard error; returns when done or stopped. */
  public Totals run(Iterator<LinksFile.Entry> entries) {
    synchronized (this) {
      if (stopRequested) return outcome();
      runner = Thread.currentThread();
    }
    ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), Threads.daemon("hoard-check"));
    int jobs = options.jobs();
    try (Http http = new Http(new HttpSettings(options.timeout(), options.userAgent(), jobs, jobs + 2), network)) {
      List<Outbox> outboxes = outboxes(http);
      Checker checker = new Checker(new Fetcher(http), options.retries(), RETRY_PAUSE, clock);
      Round round = new Round(checker::check, pool, (int) Math.min(Integer.MAX_VALUE, 4L * jobs));
      Report report = new Report(out, options.json());
      try {
        if (options.watch() == null) once(round, entries, report, outboxes);
        else watch(round, entries, report, outboxes);
      } catch (InterruptedException e) {
        // only stop() interrupts this thread
      } catch (RuntimeException e) {
        // an interrupt can also break the read of the links file
        if (!stopRequested()) throw e;
      } finally {
        pool.shutdownNow();
        synchronized (this) {
          runner = null;
        }
        boolean stopped = Thread.interrupted() | stopRequested();
        for (Outbox outbox : outboxes) outbox.close(stopped ? DRAIN_STOPPED : DRAIN);
      }
    } catch (IOException e) {
      err.println("hoard: closing the HTTP client: " + e.getMessage());
    }
    return outcome();
  }

  private Totals outcome() {
    return new Totals(latest.up(), latest.down(), badLines, options.watch() != null, stopRequested());
  }

  private void once(Round round, Iterator<LinksFile.Entry> entries, Report report, List<Outbox> outboxes)
      throws InterruptedException {
    long start = clock.nanoTime();
    int[] upDown = {0, 0};
    try {
      latest = round.run(entries, r -> {
        upDown[r.up() ? 0 : 1]++;
        report.result(r);
        if (!r.up()) outboxes.forEach(o -> o.post(r));
      }, this::badLine);
    } catch (InterruptedException e) {
      // cut short: what was reported is counted, and the summary says the rest was not checked
      latest = new Round.Tally(upDown[0], upDown[1], badLines);
      report.interrupted(upDown[0], upDown[1], badLines, millisSince(start));
      throw e;
    }
    report.summary(latest.up(), latest.down(), badLines, millisSince(start));
  }

  private void watch(Round round, Iterator<LinksFile.Entry> entries, Report report, List<Outbox> outboxes)
      throws InterruptedException {
    List<Job> list = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (entries.hasNext()) {
      LinksFile.Entry entry = entries.next();
      if (entry instanceof LineError error) badLine(error);
      else if (entry instanceof Job job) {
        // each mirror of a line is a site of its own
        for (URI url : job.urls()) if (seen.add(url.toString())) list.add(Job.listed(url, null, null));
      }
    }
    if (list.isEmpty()) {
      err.println("hoard: nothing to watch: no URL given");
      err.flush();
      return;
    }
    StateTracker states = new StateTracker();
    new Watch(clock, options.watch(), err).run(n -> {
      long start = clock.nanoTime();
      // one reading a round: its checks run together, and its lines share one time, a block of the log
      LocalDateTime at = LocalDateTime.now(wall);
      latest = round.run(list.iterator(), r -> {
        boolean changed = states.changed(r);
        if (n == 1 || changed) report.result(r, at);
        if (changed) outboxes.forEach(o -> o.post(r));
      }, this::badLine);
      if (n == 1) report.summary(latest.up(), latest.down(), badLines, millisSince(start), at);
      // a reader that went away (| grep -m1 down, | head) ends the watch, as SIGPIPE ends a C program; the JVM
      // ignores SIGPIPE, so a watch nobody reads would run until killed, and the pipeline with it
      if (out.checkError()) stop();
    });
  }

  /** {@code hoard: links.txt:7: unknown key 'foo'}, as {@code hoard get} reports the same line. */
  private void badLine(LineError error) {
    badLines++;
    err.println("hoard: " + error);
    err.flush();
  }

  private List<Outbox> outboxes(Http http) {
    List<Outbox> outboxes = new ArrayList<>();
    if (options.notifyCmd() != null) {
      outboxes.add(new Outbox(new CommandNotifier(options.notifyCmd(), CommandNotifier.DEFAULT_TIMEOUT, err), err));
    }
    if (options.webhook() != null) {
      outboxes.add(new Outbox(new WebhookNotifier(http, options.webhook(), WebhookNotifier.defaultBackoff(), clock),
          err));
    }
    return outboxes;
  }

  private long millisSince(long start) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - start));
  }
}
