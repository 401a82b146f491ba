package dev.hoard.fetch;

import dev.hoard.chunk.ByteRange;
import dev.hoard.chunk.Source;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Byte ranges of one remote file over HTTP, for the inner pool. Each range request carries {@code If-Range}, and a
 * response that is not exactly the range asked for, or comes from another version of the file, never reaches the
 * file. Validators the file was not known by yet (a mirror asked for the first time) are learned from the first
 * answer that carries them, and every later answer must agree.
 */
public final class RangeRequests implements Source {
  private final Fetcher fetcher;
  private final Retrier retrier;
  private final URI url;
  private final HomeHeaders home;
  private volatile RemoteFile remote;

  public RangeRequests(Fetcher fetcher, Retrier retrier, URI url, HomeHeaders home, RemoteFile remote) {
    this.fetcher = fetcher;
    this.retrier = retrier;
    this.url = url;
    this.home = home;
    this.remote = remote;
  }

  @Override
  public Body open(long start, long end) throws IOException {
    List<Header> headers = new ArrayList<>(2);
    headers.add(new Header("Range", new ByteRange(start, end).rangeHeader()));
    RemoteFile remote = this.remote;
    String validator = remote.ifRange();
    if (validator != null) headers.add(new Header("If-Range", validator));
    Response r = fetcher.open("GET", url, headers, home);
    try {
      if (r.status() == 200) {
        // the same length and validators: the server just will not range this request; else the file changed
        if (r.contentLength() == remote.length() && remote.sameVersion(r.header("ETag"), r.header("Last-Modified"))) {
          throw new RangesRefusedException("server answered a range request with the whole file");
        }
        throw new RemoteChangedException("server copy changed (it answered a range request with the whole file)");
      }
      if (r.status() != 206) throw r.error();
      if (r.encoding() != null) {
        // despite Accept-Encoding: identity; compressed bytes are not the file's bytes at this offset
        throw new RangesRefusedException("server compressed a range (Content-Encoding: " + r.encoding() + ")");
      }
      ContentRange cr = ContentRange.parse(r.header("Content-Range"));
      if (cr != null && cr.total() >= 0 && cr.total() != remote.length()) {
        // another length is another file, whatever the validators say: retrying cannot help, starting over can
        throw new RemoteChangedException("server copy changed (length " + remote.length() + " became " + cr.total()
            + ")");
      }
      if (cr == null || cr.first() != start || cr.last() > end - 1) {
        throw new IOException("server sent the wrong range: asked bytes " + start + "-" + (end - 1) + ", got "
            + r.header("Content-Range"));
      }
      learn(r);
      return new ResponseBody(r);
    } catch (IOException | RuntimeException e) {
      r.abort();
      throw e;
    }
  }

  /** What is known of the file on this server now: its length, and the validators learned so far. */
  public RemoteFile remote() {
    return remote;
  }

  /** Checks that {@code r} comes from the version known, and takes the validators it adds. */
  private synchronized void learn(Response r) throws RemoteChangedException {
    RemoteFile known = remote;
    known.checkSameVersion(r);
    String etag = known.etag() == null ? r.header("ETag") : known.etag();
    String lastModified = known.lastModified() == null ? r.header("Last-Modified") : known.lastModified();
    if (!Objects.equals(etag, known.etag()) || !Objects.equals(lastModified, known.lastModified())) {
      remote = new RemoteFile(known.length(), known.ranges(), etag, lastModified);
    }
  }

  @Override
  public Duration retryDelay(IOException failure, int attempt) throws IOException {
    return retrier.delay(url, failure, attempt);
  }

  /** A response as a {@link Source.Body}. */
  static final class ResponseBody implements Body {
    private final Response response;
    private final long end;

    ResponseBody(Response response) {
      this.response = response;
      ContentRange cr = ContentRange.parse(response.header("Content-Range"));
      this.end = cr == null ? -1 : cr.last() + 1;
    }

    @Override
    public long end() {
      return end;
    }

    @Override
    public InputStream stream() throws IOException {
      return response.body();
    }

    @Override
    public void abort() {
      response.abort();
    }

    @Override
    public void close() {
      try {
        response.release();
      } catch (IOException e) {
        response.abort();
      }
    }
  }
}
