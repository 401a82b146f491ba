package dev.hoard.download;

import dev.hoard.chunk.ByteRange;
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
import dev.hoard.store.FileOrigin;
import dev.hoard.store.LocalFailure;
import dev.hoard.store.PartFile;
import dev.hoard.store.ResumeState;
import dev.hoard.store.SafeName;
import dev.hoard.store.ServedAs;
import dev.hoard.store.WrittenInPieces;
import dev.hoard.url.Redact;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One job's way into its file: skip a finished file, plan the resume ({@link ResumePlan}), probe (the first of its
 * {@link Mirrors} that answers), fetch the file {@link InPieces} over the mirrors or as one {@link PlainStream}, verify,
 * and rename into place. A failure is a result, not an exception, except a local failure, which stops the run.
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
      // a name the user chose (out=, -o) is the name: the server's is taken only instead of the URL's
      boolean mayRename = shared.options.contentDisposition() && job.out() == null;
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
      // (a symbolic link whose target is gone looks free: the commit finds it, and the download fails saying so)
      if (file.exists()) {
        if (file.isDirectory()) return failed(target, "a folder of that name is in the way");
        if (!shared.options.overwrite()) {
          // done means done for this URL: a file of another URL, or of none, is never taken as done nor replaced
          String origin = FileOrigin.of(target);
          if (shown.equals(origin) && !shared.options.timestamping()) return skip(target);
          if (shown.equals(origin)) {
            localTime = Files.getLastModifiedTime(target).toInstant();
            // a page --convert-links rewrote is compared by the size it was served with
            long served = ServedAs.of(target).size();
            localSize = served >= 0 ? served : file.length();
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
    // what the server said of it is read only if a crawl asks (Landed.asServed)
    return new Landed(result(target, Status.SKIPPED, null), target, null, job.url());
  }

  /** Fetches into {@code target}, resuming what is on disk unless {@code startOver}; null when moved elsewhere. */
  private Landed fetch(String relative, Path target, boolean startOver, boolean mayRename) throws IOException {
    Path statePath = PartFile.stateOf(target);
    Path partPath = PartFile.partOf(target);
    boolean partThere = partPath.toFile().exists();
    if (partThere && !startOver) {
      // another URL's unfinished bytes are never appended to, nor thrown away: this download goes elsewhere. So are
      // bytes of no recorded URL with no state beside them (a browser's NAME.part): hoard records the URL on each
      // part it makes as it creates it, and an empty part is all a kill right after that could leave unrecorded
      String origin = FileOrigin.of(partPath);
      boolean foreign = origin != null ? !origin.equals(shown)
          : !statePath.toFile().exists() && partPath.toFile().isFile() && partPath.toFile().length() > 0;
      if (foreign) {
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
    if (probe.response().status() == 416) return alreadyWhole(target, probe, plan.knew(mirrors.first().shown()));
    if (remote.ranges() && remote.length() > 0) {
      try {
        return chunked(target, probe, plan.done(), mirrors);
      } catch (RangesRefusedException e) {
        shared.listener.problem(shown + ": " + e.getMessage() + "; taking it as one plain stream");
        PartFile.discard(target);
        // the mirrors that ranged are gone: the one left serves the file whole
        Mirrors.Mirror last = mirrors.first();
        PlainStream stream = new PlainStream(shared, retrier, this::progress);
        return plain(target, stream, stream.whole(mirrors, last), mirrors, last);
      }
    }
    return plain(target, new PlainStream(shared, retrier, this::progress), probe, mirrors, mirrors.first());
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

  /**
   * A 416 to a resume: the part file already holds every byte (a run stopped between its last write and rename, or
   * while checking its sha256). {@code knew} is what the run that wrote them was told of the file.
   */
  private Landed alreadyWhole(Path target, Probe probe, RemoteFile knew) throws IOException {
    probe.response().abort();
    if (probe.remote().length() != probe.from()) {
      throw new RemoteChangedException("server copy changed since the last run");
    }
    // a 416 is an error answer and servers send it without Last-Modified: the file's time is the one its bytes had
    if (lastModified == null && knew != null) lastModified = knew.lastModified();
    try (PartFile part = PartFile.open(target, false, shown)) {
      part.setLength(probe.from());
      bytes = probe.from();
      return commit(target, part, true);
    }
  }

  /** Fetches the file in byte-range pieces over {@code mirrors}, resuming after {@code done}. */
  private Landed chunked(Path target, Probe probe, List<ByteRange> done, Mirrors mirrors) throws IOException {
    InPieces pieces = new InPieces(shared, retrier, id, this::progress);
    try {
      InPieces.Fetched fetched = pieces.run(target, shown, probe, done, mirrors);
      try (PartFile part = fetched.part()) {
        bytes = pieces.bytes();
        return commit(target, part, fetched.stateful());
      }
    } finally {
      bytes = pieces.bytes();
    }
  }

  /** Streams the file whole from {@code from}, the one of {@code mirrors} that answered {@code probe}. */
  private Landed plain(Path target, PlainStream stream, Probe probe, Mirrors mirrors, Mirrors.Mirror from)
      throws IOException {
    try (PartFile part = stream.run(target, shown, probe, mirrors, from)) {
      bytes = stream.bytes();
      lastModified = stream.lastModified();
      return commit(target, part, false);
    } finally {
      bytes = stream.bytes();
    }
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
    // recorded on the part, so the file never lands without it
    ServedAs.record(PartFile.partOf(target), contentType, job.url(), finalUrl);
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
