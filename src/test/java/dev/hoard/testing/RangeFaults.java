package dev.hoard.testing;

import dev.hoard.testing.RangeDispatcher.SliceBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import okio.Buffer;

/**
 * Named faults for {@link RangeDispatcher}: each answers a request the way a broken server or network would. Faults
 * that hold something ({@link #stallAfter}, {@link #holdFrom}, {@link #silent}) hold it until the test calls
 * {@link RangeDispatcher#clearFaults} or the server closes.
 */
public final class RangeFaults {
  /** The byte that fills the bodies of wrong answers, so a test can tell whether any of them landed in a file. */
  public static final byte GARBAGE = (byte) 0xEE;

  private RangeFaults() {}

  // ---- the network ----

  /** The asked range, whose connection breaks after {@code bytes} bytes of the body: a reset mid-piece. */
  public static RangeDispatcher.Fault resetAfter(long bytes) {
    return (r, server) -> reshape(server.serve(r), b -> b.cutAt(b.from() + bytes));
  }

  /** The asked range, which sends {@code bytes} bytes and then nothing more: a stall. */
  public static RangeDispatcher.Fault stallAfter(long bytes) {
    return (r, server) -> reshape(server.serve(r), b -> b.heldAt(b.from() + bytes, server.gate()));
  }

  /** The asked range, which sends {@code bytes} bytes and the rest only once {@code release} opens. */
  public static RangeDispatcher.Fault holdAfter(long bytes, CountDownLatch release) {
    return (r, server) -> reshape(server.serve(r), b -> b.heldAt(b.from() + bytes, release));
  }

  /** The asked range or file, whose bytes from file offset {@code offset} on wait (a body starting there waits whole). */
  public static RangeDispatcher.Fault holdFrom(long offset) {
    return (r, server) -> reshape(server.serve(r), b -> b.heldAt(offset, server.gate()));
  }

  /** The asked range, sent {@code bytes} at a time with a pause of {@code millis} after each: a slow connection. */
  public static RangeDispatcher.Fault trickle(int bytes, long millis) {
    return (r, server) -> reshape(server.serve(r), b -> b.paced(bytes, millis));
  }

  /** No answer at all, not even a status line: the request waits, then gets the file once the faults are cleared. */
  public static RangeDispatcher.Fault silent() {
    return (r, server) -> {
      server.gate().await(RangeDispatcher.HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
      return null;
    };
  }

  // ---- the server ----

  /**
   * A {@code 206} whose {@code Content-Range} starts {@code shift} bytes away from what was asked, with as many bytes
   * of {@link #GARBAGE} as were asked (for an open range {@code bytes=A-}, up to the end of the file).
   */
  public static RangeDispatcher.Fault wrongContentRange(long shift) {
    return (r, server) -> {
      long length = server.bytes(r.path()).length;
      long first = r.first() + shift;
      long last = r.closed() ? first + r.last() - r.first() : length - 1;
      int count = (int) (last - first + 1);
      return new MockResponse.Builder().code(206)
          .setHeader("Accept-Ranges", "bytes")
          .setHeader("Content-Range", "bytes " + first + "-" + last + "/" + length)
          .body(new Buffer().write(garbage(count)))
          .build();
    };
  }

  /** The asked range with {@code value} as its {@code Content-Range} header, or none when null. */
  public static RangeDispatcher.Fault contentRange(String value) {
    return (r, server) -> {
      MockResponse normal = server.serve(r);
      if (normal.getCode() != 206) return normal;
      MockResponse.Builder b = normal.newBuilder().removeHeader("Content-Range");
      return (value == null ? b : b.setHeader("Content-Range", value)).build();
    };
  }

  /** {@code 200} and the whole file, whatever range was asked, from a server that advertises ranges. */
  public static RangeDispatcher.Fault wholeFile() {
    return (r, server) -> server.serve(r.unranged());
  }

  /**
   * The asked range gzipped, with {@code Content-Encoding: gzip}, as a server or proxy does that compresses whatever
   * the client's {@code Accept-Encoding} says.
   */
  public static RangeDispatcher.Fault gzipped() {
    return (r, server) -> {
      MockResponse normal = server.serve(r);
      if (!(normal.getBody() instanceof SliceBody body)) return normal;
      Buffer zipped = new Buffer();
      try (GZIPOutputStream gz = new GZIPOutputStream(zipped.outputStream())) {
        gz.write(body.content());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return normal.newBuilder().setHeader("Content-Encoding", "gzip").body(zipped).build();
    };
  }

  /** An error status with an HTML page, {@link #errorPageText}, that must never land in a file. */
  public static RangeDispatcher.Fault errorPage(int code) {
    return (r, server) -> new MockResponse.Builder().code(code)
        .setHeader("Content-Type", "text/html")
        .body(errorPageText(code))
        .build();
  }

  /** The body {@link #errorPage} sends. */
  public static String errorPageText(int code) {
    return "<html><body><h1>" + code + " ERROR PAGE</h1>" + "this is not the file ".repeat(200) + "</body></html>";
  }

  /** A {@code 302} to {@code path} on the same server. */
  public static RangeDispatcher.Fault redirectTo(String path) {
    return (r, server) -> new MockResponse.Builder().code(302).setHeader("Location", path).build();
  }

  /** A redirect status with a body but no {@code Location}: nowhere to go, and the body is not the file. */
  public static RangeDispatcher.Fault redirectWithoutLocation(int code) {
    return (r, server) -> new MockResponse.Builder().code(code).setHeader("Content-Type", "text/html")
        .body("<html>moved somewhere</html>").build();
  }

  /** The file changes on the server (new bytes, new ETag) just before this request is answered. */
  public static RangeDispatcher.Fault changeTo(byte[] bytes, String etag) {
    return (r, server) -> {
      server.file(r.path(), bytes, etag);
      return null;
    };
  }

  // ---- ordering ----

  /** Counts {@code arrived} down as the request arrives, then lets the file be served: a test waits on it. */
  public static RangeDispatcher.Fault noteArrival(CountDownLatch arrived) {
    return (r, server) -> {
      arrived.countDown();
      return null;
    };
  }

  /**
   * Holds each matching request until {@code gate} has been counted down by {@code gate.getCount()} of them (so that
   * many are in flight at once), then lets the file be served. Gives up after 20 s so a failing test ends.
   */
  public static RangeDispatcher.Fault holdUntilAllArrive(CountDownLatch gate) {
    return (r, server) -> {
      gate.countDown();
      gate.await(20, TimeUnit.SECONDS);
      return null;
    };
  }

  static byte[] garbage(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, GARBAGE);
    return b;
  }

  /** {@code normal} with its served slice reshaped; an answer without a slice (404, 416) as it is. */
  private static MockResponse reshape(MockResponse normal, UnaryOperator<SliceBody> how) {
    return normal.getBody() instanceof SliceBody body ? normal.newBuilder().body(how.apply(body)).build() : normal;
  }
}
