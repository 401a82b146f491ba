package dev.hoard.fetch;

import dev.hoard.chunk.ByteRange;
import dev.hoard.chunk.Source;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first request for a file: a {@code GET} with {@code Range: bytes=FROM-}, whose answer tells the length, whether
 * ranges work and which version this is, and whose body is kept as the first piece: no wasted round trip.
 *
 * @param response the open response, streaming from {@code from}
 * @param remote what the server said about the file
 * @param from the offset the body starts at; 0 unless resuming
 */
public record Probe(Response response, RemoteFile remote, long from) {
  private static final Pattern UNSATISFIED = Pattern.compile("\\s*bytes\\s+\\*/(\\d+)\\s*");

  /**
   * Sends the probe for {@code wanted} (usually open-ended: from the first missing byte to the end), with retries; a
   * resume gives what it {@code knew} of the file, whose validator goes in {@code If-Range}.
   */
  public static Probe send(Fetcher fetcher, Retrier retrier, URI url, HomeHeaders home, RemoteFile knew,
      ByteRange wanted) throws IOException {
    return send(fetcher, retrier, url, home, knew, wanted, null);
  }

  /**
   * The same, asking for the file only if it changed since {@code ifModifiedSince} ({@code -N}; null for always):
   * then a {@code 304 Not Modified} comes back as the probe's response, with no body.
   */
  public static Probe send(Fetcher fetcher, Retrier retrier, URI url, HomeHeaders home, RemoteFile knew,
      ByteRange wanted, Instant ifModifiedSince) throws IOException {
    List<Header> headers = new ArrayList<>(3);
    headers.add(new Header("Range", wanted.rangeHeader()));
    String validator = knew == null ? null : knew.ifRange();
    if (validator != null) headers.add(new Header("If-Range", validator));
    if (ifModifiedSince != null) headers.add(new Header("If-Modified-Since", HttpDate.format(ifModifiedSince)));
    long from = wanted.start();
    Response r = open(fetcher, retrier, url, headers, home);
    if (r.status() == 304 && ifModifiedSince != null) return new Probe(r, RemoteFile.of(r, -1, false), from);
    if (r.status() == 416 && from == 0) {
      // an empty file: nothing satisfies bytes=0-, so ask for it whole
      r.abort();
      r = open(fetcher, retrier, url, List.of(), home);
    }
    if (r.status() == 416 && from > 0) {
      // nothing at or past from: a resumed file may be whole already; the caller compares the length
      return new Probe(r, RemoteFile.of(r, unsatisfiedLength(r.header("Content-Range")), true), from);
    }
    if (r.status() >= 400) {
      r.abort();
      throw r.error();
    }
    if (r.status() == 206) {
      ContentRange cr = ContentRange.parse(r.header("Content-Range"));
      if (cr == null || cr.first() != from || cr.total() < 0 || r.encoding() != null) {
        // a range the client cannot trust or use: take the file whole, as one plain stream
        r.abort();
        return whole(fetcher, retrier, url, home);
      }
      return new Probe(r, RemoteFile.of(r, cr.total(), true), from);
    }
    return plain(r);
  }

  /** Asks for the whole file with no Range: for a server whose ranges cannot be used. */
  public static Probe whole(Fetcher fetcher, Retrier retrier, URI url, HomeHeaders home) throws IOException {
    Response whole = open(fetcher, retrier, url, List.of(), home);
    if (whole.status() >= 400) {
      whole.abort();
      throw whole.error();
    }
    return plain(whole);
  }

  /** Whether the body is compressed (Content-Encoding): then it is one plain stream, decoded. */
  public boolean encoded() {
    return response.encoding() != null;
  }

  /** The response as the first piece's body. */
  public Source.Body body() {
    return new RangeRequests.ResponseBody(response);
  }

  /** The length in a 416's {@code Content-Range: bytes *}{@code /LENGTH}, or -1. */
  static long unsatisfiedLength(String contentRange) {
    if (contentRange == null) return -1;
    Matcher m = UNSATISFIED.matcher(contentRange);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static Probe plain(Response r) {
    long length = r.encoding() != null ? -1 : r.contentLength();
    return new Probe(r, RemoteFile.of(r, length, false), 0);
  }

  private static Response open(Fetcher fetcher, Retrier retrier, URI url, List<Header> headers, HomeHeaders home)
      throws IOException {
    return retrier.run(url, () -> {
      Response r = fetcher.open("GET", url, headers, home);
      // a 3xx here is one the fetcher could not follow (no Location): its body is not the file
      if (r.status() < 300 || r.status() == 416 || r.status() == 304) return r;
      r.abort();
      throw r.error();
    });
  }
}
