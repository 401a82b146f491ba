package dev.hoard.queue;

import dev.hoard.fetch.ContentRange;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.Response;
import dev.hoard.store.ResumeState;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first request for a file: a {@code GET} with {@code Range: bytes=FROM-}, whose answer tells the length, whether
 * ranges work and which version this is, and whose body is kept as the first piece: no wasted round trip.
 *
 * @param response the open response, streaming from {@code from}
 * @param remote what the server said about the file
 * @param from the offset the body starts at; 0 unless resuming
 * @param encoded whether the body is compressed (Content-Encoding): then it is one plain stream, decoded
 */
record Probe(Response response, RemoteFile remote, long from, boolean encoded) {
  /** Sends the probe, with retries; for a resume, {@code state} gives the offset and the If-Range validator. */
  static Probe send(Engine engine, URI url, HomeHeaders home, ResumeState state, long from) throws IOException {
    return send(engine, url, home, state, from, -1);
  }

  /**
   * Sends the probe for bytes {@code [from, to)}, or from {@code from} to the end when {@code to} is -1: a resume asks
   * only for its first missing stretch, never again for bytes the state already holds.
   */
  static Probe send(Engine engine, URI url, HomeHeaders home, ResumeState state, long from, long to)
      throws IOException {
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Range", "bytes=" + from + "-" + (to > from ? Long.toString(to - 1) : "")});
    if (state != null) {
      String validator = new RemoteFile(state.length(), true, state.etag(), state.lastModified()).ifRange();
      if (validator != null) headers.add(new String[] {"If-Range", validator});
    }
    Response r = openWithRetries(engine, url, headers, home);
    if (r.status() == 416 && from == 0) {
      // an empty file: nothing satisfies bytes=0-, so ask for it whole
      r.abort();
      r = openWithRetries(engine, url, List.of(), home);
    }
    if (r.status() == 416 && from > 0) {
      // nothing at or past from: a resumed file may be whole already; the caller compares the length
      return new Probe(r, RemoteFile.of(r, unsatisfiedLength(r.header("Content-Range")), true), from, false);
    }
    if (r.status() >= 400) {
      r.abort();
      throw r.error();
    }
    String encoding = r.header("Content-Encoding");
    boolean encoded = encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity");
    if (r.status() == 206) {
      ContentRange cr = ContentRange.parse(r.header("Content-Range"));
      if (cr == null || cr.first() != from || cr.total() < 0 || encoded) {
        // a range the client cannot trust or use: take the file whole, as one plain stream
        r.abort();
        Response whole = openWithRetries(engine, url, List.of(), home);
        if (whole.status() >= 400) {
          whole.abort();
          throw whole.error();
        }
        return plain(whole);
      }
      return new Probe(r, RemoteFile.of(r, cr.total(), true), from, false);
    }
    return plain(r);
  }

  /** The length in a 416's {@code Content-Range: bytes *}{@code /LENGTH}, or -1. */
  static long unsatisfiedLength(String contentRange) {
    if (contentRange == null) return -1;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*bytes\\s+\\*/(\\d+)\\s*").matcher(contentRange);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static Probe plain(Response r) {
    String encoding = r.header("Content-Encoding");
    boolean encoded = encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity");
    long length = encoded ? -1 : r.contentLength();
    return new Probe(r, RemoteFile.of(r, length, false), 0, encoded);
  }

  /** The compression of an encoded body, lower-case: gzip, deflate, or something hoard cannot decode. */
  String encoding() {
    String e = response.header("Content-Encoding");
    return e == null ? "identity" : e.trim().toLowerCase(Locale.ROOT);
  }

  private static Response openWithRetries(Engine engine, URI url, List<String[]> headers, HomeHeaders home)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      IOException failure;
      try {
        Response r = engine.fetcher.open("GET", url, headers, home);
        // a 3xx here is one the fetcher could not follow (no Location): its body is not the file
        if (r.status() < 300 || r.status() == 416) return r;
        r.abort();
        failure = r.error();
      } catch (IOException e) {
        failure = e;
      }
      if (engine.stopping()) throw failure;
      Duration wait = engine.backoff.delay(failure, attempt);
      if (wait == null) throw failure;
      sleep(engine, wait);
    }
  }

  static void sleep(Engine engine, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (!engine.stopping()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return;
        Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new java.io.InterruptedIOException("interrupted");
  }
}
