package dev.hoard.queue;

import dev.hoard.chunk.PieceTable;
import dev.hoard.chunk.RateLimiter;
import dev.hoard.chunk.Sink;
import dev.hoard.chunk.Stream;
import dev.hoard.chunk.Transfer;
import dev.hoard.fetch.GiveUpException;
import dev.hoard.fetch.Failure;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.RemoteChangedException;
import dev.hoard.fetch.StatusException;
import dev.hoard.plan.Job;
import dev.hoard.report.DownloadResult;
import dev.hoard.report.DownloadResult.Status;
import dev.hoard.runtime.Clock;
import dev.hoard.url.Redact;
import dev.hoard.store.Folder;
import dev.hoard.store.PartFile;
import dev.hoard.store.ResumeState;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Downloads one job into its target: skip a finished file, resume a {@code .part} from its state, probe, run the
 * inner pool (or one plain stream), verify, and rename into place. A failure is a result, not an exception, except
 * a local write error, which stops the run.
 */
final class Download {
  /** The result, and what the crawler needs of a finished page. */
  record Done(DownloadResult result, Path file, String contentType, URI finalUrl) {}

  /** A local error (disk full, folder unwritable): the run stops with exit 3. */
  static final class LocalError extends RuntimeException {
    LocalError(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int MAX_RESTARTS = 2;
  /** Files this large get their resume state written before their first byte. */
  static final long STATE_FIRST_BYTES = 1 << 20;

  private final Engine engine;
  private final Job job;
  private final String shown;
  private final HomeHeaders home;
  private final long started = System.nanoTime();
  private int http;
  private long bytes;
  private String contentType;
  private URI finalUrl;
  private boolean mayRename;

  private final java.util.function.UnaryOperator<String> rename;

  /** @param rename gives a run-unique name for a name the server offered ({@code --content-disposition}) */
  Download(Engine engine, Job job, HomeHeaders home, java.util.function.UnaryOperator<String> rename) {
    this.rename = rename;
    this.engine = engine;
    this.job = job;
    this.shown = Redact.url(job.url());
    this.home = home;
  }

  /** Runs the download into {@code relative} (a safe path inside the folder). */
  Done run(String relative) {
    return run(relative, engine.options.contentDisposition());
  }

  private Done run(String relative, boolean mayRename) {
    try (Engine.Registration active = engine.active(job.url())) {
      return runActive(relative, mayRename);
    }
  }

  private Done runActive(String relative, boolean mayRename) {
    this.mayRename = mayRename;
    Path target = null;
    try {
      target = engine.folder.resolve(relative);
      // java.io.File answers "no such file" without an exception: this runs once per file of a list of millions
      java.io.File file = target.toFile();
      if (file.isDirectory()) {
        return failed(target, "a folder of that name is in the way");
      }
      if (!engine.options.overwrite() && file.exists()) return skip(target);
      for (int restart = 0; ; restart++) {
        try {
          return fetch(target, restart > 0);
        } catch (RemoteChangedException e) {
          if (restart >= MAX_RESTARTS) throw e;
          engine.listener.problem(shown + ": " + e.getMessage() + "; starting over");
        }
      }
    } catch (Sink.LocalWriteException | Folder.UnwritableException e) {
      throw new LocalError(e.getMessage(), e);
    } catch (IOException e) {
      // an error status ends the probe before http is set: the report still says which status it was
      if (e instanceof StatusException s) http = s.status();
      return failed(target, Failure.describe(e));
    }
  }

  private Done skip(Path target) throws IOException {
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
    return new Done(result(target, Status.SKIPPED, null), target, null, job.url());
  }

  private Done fetch(Path target, boolean fresh) throws IOException {
    Path statePath = PartFile.stateOf(target);
    Path partPath = PartFile.partOf(target);
    ResumeState state = null;
    boolean partThere = partPath.toFile().exists();
    if (fresh || engine.options.overwrite() && !statePath.toFile().exists()) {
      PartFile.discard(target);
    } else if (!partThere) {
      // no part file, nothing to resume: a state left alone is stale
      statePath.toFile().delete();
    } else {
      // Files.size follows links: a link planted as NAME.part must not lend its target's size to the Range asked
      long partSize = Files.isRegularFile(partPath, LinkOption.NOFOLLOW_LINKS) ? Files.size(partPath) : 0;
      ResumeState.Loaded loaded = ResumeState.load(statePath, shown, partSize);
      if (loaded.problem() != null) {
        engine.listener.problem(shown + ": " + loaded.problem());
        PartFile.discard(target);
      } else if (loaded.state() != null) {
        state = loaded.state();
      } else if (partSize >= STATE_FIRST_BYTES) {
        // a part file without state holds one contiguous prefix (a plain stream's, or another tool's): resume it by
        // its length if the server allows. Ours of this size always have a state, so no If-Range is lost
        state = new ResumeState(shown, -1, null, null, List.of(new long[] {0, partSize}));
      } else if (partSize > 0) {
        // a small stateless part may come from another version of the file: fetching it again is cheap and safe
        PartFile.discard(target);
      }
    }
    // the first missing stretch [from, to); to is -1 when it runs to the end
    List<long[]> had = state == null ? List.of() : state.done();
    long from = had.isEmpty() || had.get(0)[0] != 0 ? 0 : had.get(0)[1];
    int next = had.isEmpty() || had.get(0)[0] != 0 ? 0 : 1;
    long to = next < had.size() ? had.get(next)[0] : -1;
    Probe probe = Probe.send(engine, job.url(), home, state, from, to);
    http = probe.response().status();
    contentType = probe.response().header("Content-Type");
    finalUrl = probe.response().url();
    boolean resumed = !had.isEmpty();
    if (resumed && (!probe.remote().ranges()
        || state.length() >= 0 && state.length() != probe.remote().length()
        || !probe.remote().sameVersion(state.etag(), state.lastModified()))) {
      probe.response().abort();
      // a 200 comes from a changed file (If-Range) or from a server that cannot resume: say what was seen
      throw new RemoteChangedException(probe.remote().ranges() ? "server copy changed since the last run"
          : "server sent the whole file instead of the missing bytes");
    }
    if (mayRename) {
      String offered = dev.hoard.fetch.ContentDisposition.filename(probe.response().header("Content-Disposition"));
      if (offered != null) {
        Path named = target.resolveSibling(rename.apply(dev.hoard.store.SafeName.of(offered)));
        if (!named.equals(target)) {
          probe.response().abort();
          return runActive(engine.folder.root().relativize(named).toString().replace(java.io.File.separatorChar, '/'),
              false);
        }
      }
    }
    long max = engine.options.maxFileSize();
    if (max >= 0 && probe.remote().length() > max) {
      probe.response().abort();
      throw new GiveUpException("file is " + probe.remote().length() + " bytes, larger than --max-filesize ("
          + max + " bytes)");
    }
    engine.listener.started(shown, engine.folder.show(target), probe.remote().length());
    if (http == 416) {
      // the part file already holds every byte (a run stopped between its last write and the rename)
      probe.response().abort();
      if (probe.remote().length() != from) throw new RemoteChangedException("server copy changed since the last run");
      try (PartFile part = PartFile.open(target, false)) {
        part.setLength(from);
        bytes = from;
        return commit(target, part);
      }
    }
    if (probe.remote().ranges() && probe.remote().length() > 0) {
      try {
        return chunked(target, probe, resumed ? state.done() : List.of());
      } catch (dev.hoard.fetch.RangesRefusedException e) {
        engine.listener.problem(shown + ": " + e.getMessage() + "; taking it as one plain stream");
        PartFile.discard(target);
        return single(target, Probe.send(engine, job.url(), home, null, 0));
      }
    }
    return single(target, probe);
  }

  private Done chunked(Path target, Probe probe, List<long[]> done) throws IOException {
    try {
      return chunkedOwning(target, probe, done);
    } catch (IOException | RuntimeException e) {
      // until the transfer owns the probe's response, a failure here must drop it, or its pooled connection leaks
      probe.response().abort();
      throw e;
    }
  }

  private Done chunkedOwning(Path target, Probe probe, List<long[]> done) throws IOException {
    RemoteFile remote = probe.remote();
    int maxPieces = engine.options.connections() > 0 ? engine.options.connections() : Transfer.AUTO_MAX;
    PieceTable table = new PieceTable(remote.length(), maxPieces, engine.options.minChunk(), done);
    ResumeState state = new ResumeState(shown, remote.length(), remote.etag(), remote.lastModified(), done);
    Path statePath = PartFile.stateOf(target);
    StateSaver saver = new StateSaver(state, statePath, table);
    // the state (with the validators) goes to disk before the part file gets its first byte: pieces written out of
    // order would leave holes, and a part without state would resume on trust, without If-Range. Files under a MiB
    // skip it: a stateless part that small is fetched again whole
    if (table.pieceCount() > 1 || !done.isEmpty() || remote.length() >= STATE_FIRST_BYTES) saver.saveNow();
    try (PartFile part = PartFile.open(target, done.isEmpty())) {
      HttpSource source = new HttpSource(engine.fetcher, job.url(), home, remote, engine.backoff);
      Transfer transfer = new Transfer(table, new Transfer.Setup(source, part, engine.limiter, Clock.SYSTEM,
          engine.options.timeout(), this::progress, engine.workers, held -> engine.room(job.url(), held)));
      ScheduledFuture<?> tick = engine.saver.scheduleWithFixedDelay(saver::saveQuietly, 1, 1, TimeUnit.SECONDS);
      Transfer.Outcome outcome;
      try (AutoCloseable unregister = engine.onStop(transfer::stop)) {
        outcome = transfer.run(new HttpSource.HttpBody(probe.response()), engine.options.connections());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        transfer.stop();
        outcome = Transfer.Outcome.STOPPED;
      } catch (Exception e) {
        throw new IOException(e);
      } finally {
        tick.cancel(false);
      }
      bytes = table.written();
      if (outcome != Transfer.Outcome.COMPLETE) {
        saver.saveNow();
        if (outcome == Transfer.Outcome.STOPPED) throw new java.io.InterruptedIOException("interrupted");
        throw transfer.failure();
      }
      saver.close();
      part.setLength(remote.length());
      return commit(target, part);
    }
  }

  private Done single(Path target, Probe probe) throws IOException {
    for (int attempt = 1; ; attempt++) {
      PartFile opened;
      try {
        opened = PartFile.open(target, true);
      } catch (IOException | RuntimeException e) {
        probe.response().abort();
        throw e;
      }
      try (PartFile part = opened;
           Engine.Registration unregister = engine.onStop(probe.response()::abort)) {
        try {
          bytes = Stream.copy(decoded(probe), part, engine.limiter, Clock.SYSTEM, engine.options.timeout(),
              engine.options.maxFileSize(), this::progress, engine::stopping);
          probe.response().release();
        } catch (Sink.LocalWriteException | Stream.TooLargeException e) {
          probe.response().abort();
          if (e instanceof Stream.TooLargeException) {
            // a refused file can never finish: keep no part of it, as when Content-Length told in advance
            part.close();
            PartFile.discard(target);
          }
          throw e;
        } catch (IOException e) {
          probe.response().abort();
          if (engine.stopping()) throw new java.io.InterruptedIOException("interrupted");
          var wait = engine.backoff.delay(e, attempt);
          if (wait == null) throw e;
          Probe.sleep(engine, wait);
          part.close();
          probe = Probe.send(engine, job.url(), home, null, 0);
          http = probe.response().status();
          continue;
        }
        long expected = probe.remote().length();
        if (expected >= 0 && bytes != expected) throw new IOException("short body: got " + bytes + " of " + expected + " bytes");
        return commit(target, part);
      }
    }
  }

  private InputStream decoded(Probe probe) throws IOException {
    InputStream in = probe.response().body();
    if (!probe.encoded()) return in;
    return switch (probe.encoding()) {
      case "gzip", "x-gzip" -> new GZIPInputStream(in, 64 * 1024);
      case "deflate" -> new InflaterInputStream(in);
      default -> throw new GiveUpException("server compressed the body with '" + probe.encoding()
          + "', which hoard cannot decode");
    };
  }

  private Done commit(Path target, PartFile part) throws IOException {
    if (job.sha256() != null) {
      String actual = PartFile.sha256(part.path());
      if (!actual.equals(job.sha256())) {
        part.close();
        PartFile.discard(target);
        throw new GiveUpException("sha256 mismatch (expected " + job.sha256() + ", got " + actual + ")");
      }
    }
    part.commit(engine.options.overwrite());
    PartFile.stateOf(target).toFile().delete();
    return new Done(result(target, Status.OK, null), target, contentType, finalUrl);
  }

  private void progress(long n) {
    engine.listener.progress(n);
  }

  private Done failed(Path target, String error) {
    return new Done(result(target, Status.FAILED, error), target, null, job.url());
  }

  private DownloadResult result(Path target, Status status, String error) {
    long ms = (System.nanoTime() - started) / 1_000_000;
    String path = target == null ? null : engine.folder.show(target);
    return new DownloadResult(shown, path, status, bytes, ms, http, error, job.depth(),
        job.parent() == null ? null : Redact.url(job.parent()));
  }
}
