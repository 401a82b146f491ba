package dev.hoard.fetch;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.Instant;
import java.util.Locale;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/** One open HTTP response at the end of its redirects. Close it, or {@link #abort()} it to drop the connection. */
public final class Response implements Closeable {
  private final URI url;
  private final HttpUriRequestBase request;
  private final ClassicHttpResponse response;
  private final Alarm alarm;
  private volatile boolean released;

  /** A response whose body {@code alarm} cuts when its deadline passes ({@link Alarm#NONE}: no deadline). */
  Response(URI url, HttpUriRequestBase request, ClassicHttpResponse response, Alarm alarm) {
    this.url = url;
    this.request = request;
    this.response = response;
    this.alarm = alarm;
  }

  /** The URL that answered, after redirects. */
  public URI url() {
    return url;
  }

  public int status() {
    return response.getCode();
  }

  public String reason() {
    return response.getReasonPhrase();
  }

  /** The value of the first header of that name, or null. */
  public String header(String name) {
    Header h = response.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  /** The body's length as {@link Framing} reads the head, or -1 when it is not known in advance. */
  public long contentLength() {
    return Framing.knownLength(response);
  }

  /**
   * The coding of the body ({@code gzip}, {@code deflate}, ...) in lower case, or null for the file's own bytes (no
   * {@code Content-Encoding}, or {@code identity}).
   */
  public String encoding() {
    String e = header("Content-Encoding");
    if (e == null || e.isBlank()) return null;
    String coding = e.trim().toLowerCase(Locale.ROOT);
    return coding.equals("identity") ? null : coding;
  }

  /** The body; an empty stream when there is none. */
  public InputStream body() throws IOException {
    HttpEntity entity = response.getEntity();
    InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
    return alarm == Alarm.NONE ? body : new FilterInputStream(body) {
      @Override public int read() throws IOException {
        try {
          return in.read();
        } catch (IOException e) {
          throw cut(e);
        }
      }

      @Override public int read(byte[] b, int off, int len) throws IOException {
        try {
          return in.read(b, off, len);
        } catch (IOException e) {
          throw cut(e);
        }
      }
    };
  }

  /** A read that failed because the deadline cut the connection says so, not what the cut looked like. */
  private IOException cut(IOException e) {
    return alarm.rang() ? alarm.exceeded() : e;
  }

  /** The error this status stands for: {@code 404 Not Found}, with the server's Retry-After. */
  public StatusException error() {
    return new StatusException(status(), reason(), retryAfter(header("Retry-After"), ZonedDateTime.now()));
  }

  /** Parses {@code Retry-After} as seconds or an HTTP date, relative to {@code now}; null when absent or unreadable. */
  static Duration retryAfter(String value, ZonedDateTime now) {
    if (value == null || value.isBlank()) return null;
    String v = value.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException notSeconds) {
      Instant when = HttpDate.parse(v);
      if (when == null) return null;
      Duration d = Duration.between(now.toInstant(), when);
      return d.isNegative() ? Duration.ZERO : d;
    }
  }

  /** Drops the connection at once, without reading the rest of the body. */
  public void abort() {
    alarm.disarm();
    request.cancel();
    try {
      response.close();
    } catch (IOException | RuntimeException ignored) {
      // the connection is being discarded anyway
    }
  }

  /** Closes the response; unless {@link #release()} came first, the connection is dropped, not drained. */
  @Override
  public void close() {
    if (!released) abort();
  }

  /** Closes a response whose body was read to its end, so its connection goes back to the pool. */
  public void release() throws IOException {
    alarm.disarm();
    released = true;
    response.close();
  }
}
