package dev.hoard.download;

import dev.hoard.chunk.Stream;
import dev.hoard.fetch.GiveUpException;
import dev.hoard.fetch.Probe;
import dev.hoard.fetch.Retrier;
import dev.hoard.runtime.StopSignal;
import dev.hoard.store.LocalFailure;
import dev.hoard.store.PartFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * A file fetched whole, as one stream from one mirror: a server that ignores ranges, gives no length or compresses the
 * body. After a failure the mirror is asked again from the start, with backoff; its failure for good ends the
 * download. The part file it leaves holds every byte, open and locked for {@link Download} to verify and commit.
 */
final class PlainStream {
  private final Downloads shared;
  private final Retrier retrier;
  private final LongConsumer progress;
  private long bytes;
  private String lastModified;

  PlainStream(Downloads shared, Retrier retrier, LongConsumer progress) {
    this.shared = shared;
    this.retrier = retrier;
    this.progress = progress;
  }

  /** Bytes the part file holds: all of them after {@link #run}, what it had when {@link #run} failed. */
  long bytes() {
    return bytes;
  }

  /** The Last-Modified of the answer that streamed the file (a retry's answer is a new one), or null. */
  String lastModified() {
    return lastModified;
  }

  /** Asks {@code from}, one of {@code mirrors}, for the whole file; its failure ends the download. */
  Probe whole(Mirrors mirrors, Mirrors.Mirror from) throws IOException {
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
   * Streams the file whole from {@code from}, the one of {@code mirrors} that answered {@code probe}, into
   * {@code target}'s part file, and returns that part, open and holding every byte.
   */
  PartFile run(Path target, String shown, Probe probe, Mirrors mirrors, Mirrors.Mirror from) throws IOException {
    lastModified = probe.remote().lastModified();
    for (int attempt = 1; ; attempt++) {
      PartFile part;
      try {
        part = PartFile.open(target, true, shown);
      } catch (IOException | RuntimeException e) {
        probe.response().abort();
        throw e;
      }
      boolean kept = false;
      try (StopSignal.Registration unregister = shared.stop().onStop(probe.response()::abort)) {
        // what this stream wrote, counted as the summary counts it: a failed write leaves the part's length unsure
        long[] written = {0};
        try {
          bytes = Stream.copy(decoded(probe), part, shared.limiter, shared.options.maxFileSize(), n -> {
            written[0] += n;
            progress.accept(n);
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
        kept = true;
        return part;
      } finally {
        if (!kept) part.close();
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
}
