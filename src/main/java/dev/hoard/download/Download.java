package dev.hoard.download;

import dev.hoard.chunk.ByteRange;
import dev.hoard.chunk.PieceTable;
import dev.hoard.chunk.Stream;
import dev.hoard.chunk.Transfer;
import dev.hoard.fetch.ContentDisposition;
import dev.hoard.fetch.Failure;
import dev.hoard.fetch.GiveUpException;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.HttpDate;
import dev.hoard.fetch.Probe;
import dev.hoard.fetch.RangesRefusedException;
import dev.hoard.fetch.RemoteChangedException;
import dev.hoard.fetch.RemoteFile;
import dev.hoard.fetch.Retrier;
import dev.hoard.plan.Job;
import dev.hoard.report.DownloadResult;
import dev.hoard.report.DownloadResult.Status;
import dev.hoard.report.PlainReporter;
import dev.hoard.runtime.Clock;
import dev.hoard.runtime.StopSignal;
import dev.hoard.store.FileOrigin;
import dev.hoard.store.LocalFailure;
import dev.hoard.store.PartFile;
import dev.hoard.store.ResumeState;
import dev.hoard.store.SafeName;
import dev.hoard.store.WrittenInPieces;
import dev.hoard.url.Redact;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * One job's way into its file: skip a finished file, plan the resume ({@link ResumePlan}), probe (the first of its
 * {@link Mirrors} that answers), run the inner pool over the mirrors (or one plain stream), verify, and rename into
 * place. A failure is a result, not an exception, except a local failure, which stops the run.
 */
final class Download {
  /** How often a server's copy may change under one download before it fails. */
  private static final int MAX_RESTARTS = 2;

  private final Downloads shared;
  private final long id;
  private final Retrier retrier;
  private final Job job;
  private final String shown;
  private final Function<URI, HomeHeaders> homes;
  private final Naming naming;
  private final long started = System.nanoTime();
  /** The URLs of the latest attempt, which know the status the first URL answered; null before the first. */
  private Mirrors mirrors;
  private long bytes;
  private String contentType;
  private URI finalUrl;
  private String lastModified;
  /** With {@code -N}, the time and size of this URL's file already there, which only a newer copy replaces. */
  private Instant localTime;
  private long localSize;

  /** Where the download must go on: the name the server offered, or the next one when its own was another's. */
  private String movedTo;
  private boolean offerTaken;

  Download(Downloads shared, long id, Job job, Function<URI, HomeHeaders> homes, Naming naming) {
    this.shared = shared;
    this.id = id;
    this.retrier = shared.retrier.observed((url, failure, attempt, of, wait) -> shared.listener.retrying(id,
        Redact.url(url) + ": " + Failure.describe(failure), attempt + 1, of, wait));
    this.job = job;
    this.shown = Redact.url(job.url());
    this.homes = homes;
    this.naming = naming;
  }

  Landed run(String relative) throws LocalFailure {
    List<ConcurrencyPolicy.Registration> active = new ArrayList<>();
    try {
      for (URI origin : Mirrors.origins(job.urls())) active.add(shared.policy.active(origin));
      boolean mayRename = shared.options.contentDisposition();
      while (true) {
        Landed landed = runAt(relative, mayRename);
        if (movedTo == null) return landed;
        relative = movedTo;
        movedTo = null;
        // the server's name is taken once; a path found taken on disk does not change that
        if (offerTaken) mayRename = false;
      }
    } finally {
      active.forEach(ConcurrencyPolicy.Registration::close);
    }
  }

  private Landed runAt(String relative, boolean mayRename) throws LocalFailure {
    Path target = null;
    try {
      target = shared.folder.resolve(relative);
      // java.io.File answers "no such file" without an exception: this runs once per file of a list of millions
      File file = target.toFile();
      if (file.exists()) {
        if (file.isDirectory()) return failed(target, "a folder of that name is in the way");
        if (!shared.options.overwrite()) {
          // done means done for this URL: a file of another URL, or of none, is never taken as done nor replaced
          String origin = FileOrigin.of(target);
          if (shown.equals(origin) && !shared.options.timestamping()) return skip(target);
          if (shown.equals(origin)) {
            localTime = Files.getLastModifiedTime(target).toInstant();
            localSize = file.length();
          } else {
            movedTo = naming.taken(relative, origin);
            return null;
          }
        }
      }
      for (int restart = 0; ; restart++) {
        try {
          return fetch(relative, target, restart > 0, mayRename);
        } catch (RemoteChangedException e) {
          if (restart >= MAX_RESTARTS) throw e;
          shared.listener.problem(shown + ": " + e.getMessage() + "; starting over");
        }
      }
    } catch (LocalFailure e) {
      // the run stops; this download's record still says what it had: its part file, its bytes, the last status
      throw e.stopping(failed(target, e.getMessage()).result());
    } catch (IOException e) {
      // a stop cuts the connections: whatever broke then ("socket closed"), the download was interrupted
      if (shared.stop().stopped()) return failed(target, "interrupted");
      String mirrorsFailed = mirrors == null ? null : mirrors.failure(e);
      return failed(target, mirrorsFailed != null ? mirrorsFailed : Failure.describe(e));
    }
  }

  private Landed skip(Path target) throws IOException {
    // a run killed between its rename and removing the state leaves the state behind, with no part file: tidy it
    if (!PartFile.partOf(target).toFile().exists()) PartFile.stateOf(target).toFile().delete();
    long size = Files.size(target);
    if (job.sha256() != null) {
      String actual = PartFile.sha256(target);
      if (!actual.equals(job.sha256())) {
        return failed(target, "existing file does not match sha256 (expected " + job.sha256() + ", got " + actual
            + "); --overwrite downloads it again");
      }
    }
    bytes = size;
    return new Landed(result(target, Status.SKIPPED, null), target, null, job.url());
  }

  /** Fetches into {@code target}, resuming what is on disk unless {@code startOver}; null when moved elsewhere. */
  private Landed fetch(String relative, Path target, boolean startOver, boolean mayRename) throws IOException {
    Path statePath = PartFile.stateOf(target);
    Path partPath = PartFile.partOf(target);
    boolean partThere = partPath.toFile().exists();
    if (partThere && !startOver) {
      // another URL's unfinished bytes are never appended to, nor thrown away: this download goes elsewhere
      String origin = FileOrigin.of(partPath);
      if (origin != null && !origin.equals(shown)) {
        movedTo = naming.taken(relative, origin);
        return null;
      }
    }
    // Files.size follows links: a link planted as NAME.part must not lend its target's size to the Range asked
    long partSize = partThere && Files.isRegularFile(partPath, LinkOption.NOFOLLOW_LINKS) ? Files.size(partPath) : 0;
    // a state is looked for beside a part only: one left alone is stale, and a new state replaces it
    boolean stateThere = partThere && statePath.toFile().exists();
    ResumePlan plan = ResumePlan.decide(
        new ResumePlan.Disk(shown, startOver, shared.options.overwrite(), stateThere, partThere, partSize,
            partThere && !stateThere && WrittenInPieces.isSet(partPath)),
        () -> ResumeState.load(statePath, shown, partSize));
    if (plan.problem() != null) shared.listener.problem(shown + ": " + plan.problem());
    if (plan.discard()) PartFile.discard(target);
    else if (plan.dropState()) PartFile.dropState(target);

    Mirrors mirrors = new Mirrors(job.urls(), homes, plan::knew, shared.listener::problem, shared.policy);
    this.mirrors = mirrors;
    Probe probe = probe(mirrors, plan);
    if (localTime != null && !newer(probe)) {
      probe.response().abort();
      return skip(target);
    }
    contentType = probe.response().header("Content-Type");
    finalUrl = probe.response().url();
    lastModified = probe.remote().lastModified();
    if (mayRename && moves(relative, probe)) return null;
    RemoteFile remote = probe.remote();
    if (remote.length() > shared.options.maxFileSize()) {
      probe.response().abort();
      throw new GiveUpException("file is " + remote.length() + " bytes, larger than --max-filesize ("
          + shared.options.maxFileSize() + " bytes)");
    }
    long had = plan.resuming() ? plan.state().written() : 0;
    if (had > 0) shared.listener.problem(shown + ": resuming with " + PlainReporter.size(had) + " already on disk");
    shared.listener.started(id, relative, remote.length(), had);
    if (probe.response().status() == 416) return alreadyWhole(target, probe);
    if (remote.ranges() && remote.length() > 0) {
      try {
        return chunked(target, probe, plan.done(), mirrors);
      } catch (RangesRefusedException e) {
        shared.listener.problem(shown + ": " + e.getMessage() + "; taking it as one plain stream");
        PartFile.discard(target);
        // the mirrors that ranged are gone: the one left serves the file whole
        Mirrors.Mirror last = mirrors.first();
        return plain(target, whole(mirrors, last), mirrors, last);
      }
    }
    return plain(target, probe, mirrors, mirrors.first());
  }

  /**
   * Probes the first mirror left, and the next while one fails: a mirror that fails after its retries, whose copy
   * changed since the part on disk was written, or that serves no byte ranges while others may, is dropped. The last
   * one's answer is taken whatever it is, and its failure is the download's.
   */
  private Probe probe(Mirrors mirrors, ResumePlan plan) throws IOException {
    while (true) {
      Mirrors.Mirror m = mirrors.first();
      Probe probe;
      try {
        probe = Probe.send(shared.fetcher, mirrors.retrying(retrier), m.url(), m.home(), plan.knew(m.shown()),
            plan.firstMissing(), localTime);
      } catch (IOException e) {
        if (shared.stop().stopped() || !mirrors.fail(m, e)) throw e;
        continue;
      }
      int status = probe.response().status();
      // a -N skip reports the 304 (or the answer that was not newer) too
      m.answered(status);
      if (status == 304 || status == 416) return probe;
      String mismatch = plan.mismatch(m.shown(), probe.remote());
      if (mismatch != null) {
        probe.response().abort();
        RemoteChangedException changed = new RemoteChangedException(mismatch);
        if (mirrors.fail(m, changed)) continue;
        throw changed;
      }
      RemoteFile remote = probe.remote();
      // a file small enough for one piece gains nothing from ranges: any mirror serves it
      boolean onePiece = remote.length() >= 0 && remote.length() < 2 * shared.options.minChunk();
      if (!remote.ranges() && !onePiece && mirrors.several()) {
        probe.response().abort();
        mirrors.drop(m, "it serves no byte ranges");
        continue;
      }
      return probe;
    }
  }

  /**
   * With {@code -N}: whether the server's answer is a copy to take in place of the file there: not a 304, and newer
   * than it (by Last-Modified, when sent) or of another size.
   */
  private boolean newer(Probe probe) {
    if (probe.response().status() == 304) return false;
    Instant remote = HttpDate.parse(probe.remote().lastModified());
    boolean newer = remote == null || remote.isAfter(localTime);
    boolean resized = probe.remote().length() >= 0 && probe.remote().length() != localSize;
    return newer || resized;
  }

  /** Whether the server offers another name ({@code --content-disposition}): then the download moves to it. */
  private boolean moves(String relative, Probe probe) {
    String offered = ContentDisposition.filename(probe.response().header("Content-Disposition"));
    if (offered == null) return false;
    String named = naming.offered(relative, SafeName.of(offered));
    if (named.equals(relative)) return false;
    probe.response().abort();
    movedTo = named;
    offerTaken = true;
    return true;
  }

  /** A 416 to a resume: the part file already holds every byte (a run stopped between its last write and rename). */
  private Landed alreadyWhole(Path target, Probe probe) throws IOException {
    probe.response().abort();
    if (probe.remote().length() != probe.from()) throw new RemoteChangedException("server copy changed since the last run");
    try (PartFile part = PartFile.open(target, false, shown)) {
      part.setLength(probe.from());
      bytes = probe.from();
      return commit(target, part, true);
    }
  }

  private Landed chunked(Path target, Probe probe, List<ByteRange> done, Mirrors mirrors) throws IOException {
    try {
      return chunkedOwning(target, probe, done, mirrors);
    } catch (IOException | RuntimeException e) {
      // until the transfer owns the probe's response, a failure here must drop it, or its pooled connection leaks
      probe.response().abort();
      throw e;
    }
  }

  private Landed chunkedOwning(Path target, Probe probe, List<ByteRange> done, Mirrors mirrors) throws IOException {
    RemoteFile remote = probe.remote();
    PieceTable table = new PieceTable(remote.length(), shared.policy.maxConnectionsPerFile(), shared.options.minChunk(),
        done);
    mirrors.start(remote, shared.fetcher, retrier);
    ResumeState state = new ResumeState(shown, remote.length(), remote.etag(), remote.lastModified(), done);
    StateSaver saver = new StateSaver(state, PartFile.stateOf(target), table, mirrors::validated);
    // the state (with the validators) goes to disk before the part file gets its first byte: pieces written out of
    // order would leave holes, and a part without state would resume on trust, without If-Range. Files under a MiB
    // skip it: a stateless part that small is fetched again whole. The part is opened (and locked) first: a state is
    // never written beside another process's part
    boolean stateful = table.pieceCount() > 1 || !done.isEmpty() || remote.length() >= ResumePlan.BY_LENGTH_FROM;
    PartFile opened = null;
    try {
      opened = PartFile.open(target, done.isEmpty(), shown, true);
      if (stateful) saver.saveNow();
    } catch (IOException | RuntimeException e) {
      // the probe's answer streams the first piece: nobody will read it now
      probe.response().abort();
      if (opened != null) opened.close();
      throw e;
    }
    try (PartFile part = opened) {
      Transfer transfer = new Transfer(table, new Transfer.Setup(mirrors, part, shared.limiter, Clock.SYSTEM,
          this::progress, n -> shared.listener.pieces(id, n), shared.workers));
      // a file too small for a state has no state to keep up to date
      ScheduledFuture<?> tick = stateful
          ? shared.stateTimer.scheduleWithFixedDelay(saver::saveQuietly, 1, 1, TimeUnit.SECONDS) : null;
      Transfer.End end;
      try (StopSignal.Registration unregister = shared.stop().onStop(transfer::stop)) {
        end = transfer.run(probe.body(), shared.policy.growth(mirrors::room));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        transfer.stop();
        end = Transfer.End.STOPPED;
      } finally {
        if (tick != null) tick.cancel(false);
      }
      bytes = table.written();
      if (end != Transfer.End.COMPLETE) {
        if (stateful) saver.saveNow();
        if (end == Transfer.End.STOPPED) throw new InterruptedIOException("interrupted");
        throw transfer.failure();
      }
      saver.close();
      part.setLength(remote.length());
      return commit(target, part, stateful);
    }
  }

  /** Asks {@code from}, one of {@code mirrors}, for the whole file; its failure ends the download. */
  private Probe whole(Mirrors mirrors, Mirrors.Mirror from) throws IOException {
    Probe probe;
    try {
      probe = Probe.whole(shared.fetcher, retrier, from.url(), from.home());
    } catch (IOException e) {
      throw mirrors.ended(from, e);
    }
    from.answered(probe.response().status());
    return probe;
  }

  /**
   * Streams the file whole from {@code from}, the one of {@code mirrors} that answered {@code probe}, asking it again
   * on a failure; its failure for good ends the download.
   */
  private Landed plain(Path target, Probe probe, Mirrors mirrors, Mirrors.Mirror from) throws IOException {
    for (int attempt = 1; ; attempt++) {
      PartFile opened;
      try {
        opened = PartFile.open(target, true, shown);
      } catch (IOException | RuntimeException e) {
        probe.response().abort();
        throw e;
      }
      try (PartFile part = opened;
           StopSignal.Registration unregister = shared.stop().onStop(probe.response()::abort)) {
        // what this stream wrote, counted as the summary counts it: a failed write leaves the part's length unsure
        long[] written = {0};
        try {
          bytes = Stream.copy(decoded(probe), part, shared.limiter, shared.options.maxFileSize(), n -> {
            written[0] += n;
            progress(n);
          }, shared.stop()::stopped);
          probe.response().release();
        } catch (LocalFailure | Stream.TooLargeException e) {
          probe.response().abort();
          if (e instanceof Stream.TooLargeException) {
            // a refused file can never finish: keep no part of it, as when Content-Length told in advance
            part.close();
            PartFile.discard(target);
          } else {
            // the run stops on a full disk, and the record still says what the part file holds, as a piece's does
            bytes = written[0];
          }
          throw e;
        } catch (IOException e) {
          probe.response().abort();
          // a failed download reports the bytes it had: what its part file holds now
          try {
            bytes = part.size();
          } catch (IOException unknown) {
            e.addSuppressed(unknown);
          }
          if (shared.stop().stopped()) throw new InterruptedIOException("interrupted");
          Duration wait;
          try {
            wait = retrier.delay(from.url(), e, attempt);
          } catch (GiveUpException tooLong) {
            throw mirrors.ended(from, tooLong);
          }
          if (wait == null) throw mirrors.ended(from, e);
          retrier.pause(wait);
          part.close();
          probe = whole(mirrors, from);
          lastModified = probe.remote().lastModified();
          continue;
        }
        long expected = probe.remote().length();
        if (expected >= 0 && bytes != expected) {
          throw mirrors.ended(from, new IOException("short body: got " + bytes + " of " + expected + " bytes"));
        }
        return commit(target, part, false);
      }
    }
  }

  private static InputStream decoded(Probe probe) throws IOException {
    InputStream in = probe.response().body();
    String coding = probe.response().encoding();
    if (coding == null) return in;
    return switch (coding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(in, 64 * 1024);
      case "deflate" -> new InflaterInputStream(in);
      default -> throw new GiveUpException("server compressed the body with '" + coding
          + "', which hoard cannot decode");
    };
  }

  /** Verifies and renames the part into place; {@code stateful}: a resume state beside it goes too. */
  private Landed commit(Path target, PartFile part, boolean stateful) throws IOException {
    if (job.sha256() != null) {
      String actual = part.sha256();
      if (!actual.equals(job.sha256())) {
        part.close();
        PartFile.discard(target);
        throw new GiveUpException("sha256 mismatch (expected " + job.sha256() + ", got " + actual + ")");
      }
    }
    // with -N, this URL's older copy is replaced; otherwise only --overwrite replaces a file
    part.commit(shared.options.overwrite() || localTime != null, HttpDate.parse(lastModified));
    if (stateful) PartFile.stateOf(target).toFile().delete();
    return new Landed(result(target, Status.OK, null), target, contentType, finalUrl);
  }

  private void progress(long n) {
    shared.transferred.add(n);
    shared.listener.progress(id, n);
  }

  private Landed failed(Path target, String error) {
    // the report names a path only where something is: the .part a rerun resumes, or what stood in the way
    boolean left = target != null && (target.toFile().exists() || PartFile.partOf(target).toFile().exists());
    return new Landed(result(left ? target : null, Status.FAILED, shared.folder.showIn(error)), target, null,
        job.url());
  }

  private DownloadResult result(Path target, Status status, String error) {
    long ms = (System.nanoTime() - started) / 1_000_000;
    String path = target == null ? null : shared.folder.show(target);
    // a failure is reported under the first URL: the status it answered, never another mirror's; a file that landed
    // came with the last answer, from whichever mirror served it
    int http = mirrors == null ? 0 : status == Status.FAILED ? mirrors.status() : mirrors.lastAnswer();
    return new DownloadResult(shown, path, status, bytes, ms, http, error, job.depth(),
        job.parent() == null ? null : Redact.url(job.parent()));
  }
}
