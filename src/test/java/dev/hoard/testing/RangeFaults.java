package dev.hoard.testing;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/** Named faults for {@link RangeDispatcher}: each answers a request the way a broken server or network would. */
public final class RangeFaults {
  /** The byte that fills the bodies of wrong answers, so a test can tell whether any of them landed in a file. */
  public static final byte GARBAGE = (byte) 0xEE;

  private RangeFaults() {}

  /** The asked range, whose connection breaks after {@code bytes} bytes of the body: a reset mid-piece. */
  public static RangeDispatcher.Fault resetAfter(long bytes) {
    return (r, server) -> {
      MockResponse normal = server.serve(r);
      return normal.newBuilder().body(new CutBody(normal.getBody(), bytes)).build();
    };
  }

  /** The asked range, which sends {@code bytes} bytes and then nothing more until the server closes: a stall. */
  public static RangeDispatcher.Fault stallAfter(long bytes) {
    return (r, server) -> {
      MockResponse normal = server.serve(r);
      return normal.newBuilder().body(new HeldBody(normal.getBody(), bytes, server.heldUntilClose())).build();
    };
  }

  /** The asked range, which sends {@code bytes} bytes and the rest only once {@code release} opens. */
  public static RangeDispatcher.Fault holdAfter(long bytes, CountDownLatch release) {
    return (r, server) -> {
      MockResponse normal = server.serve(r);
      return normal.newBuilder().body(new HeldBody(normal.getBody(), bytes, release)).build();
    };
  }

  /** The asked range, sent at {@code bytes} per {@code millis}: a connection that trickles. */
  public static RangeDispatcher.Fault trickle(long bytes, long millis) {
    return (r, server) -> server.serve(r).newBuilder().throttleBody(bytes, millis, TimeUnit.MILLISECONDS).build();
  }

  /**
   * A {@code 206} whose {@code Content-Range} starts {@code shift} bytes away from what was asked, with as many bytes
   * of {@link #GARBAGE} as were asked.
   */
  public static RangeDispatcher.Fault wrongContentRange(long shift) {
    return (r, server) -> {
      long length = server.bytes(r.path()).length;
      long first = r.first() + shift;
      long count = r.last() - r.first() + 1;
      return new MockResponse.Builder().code(206)
          .setHeader("Accept-Ranges", "bytes")
          .setHeader("Content-Range", "bytes " + first + "-" + (first + count - 1) + "/" + length)
          .body(new okio.Buffer().write(garbage((int) count)))
          .build();
    };
  }

  /**
   * The asked range gzipped, with {@code Content-Encoding: gzip}, as a server or proxy does that compresses whatever
   * the client's {@code Accept-Encoding} says.
   */
  public static RangeDispatcher.Fault gzipped() {
    return (r, server) -> {
      MockResponse normal = server.serve(r);
      okio.Buffer plain = new okio.Buffer();
      okio.Buffer zipped = new okio.Buffer();
      try {
        normal.getBody().writeTo(plain);
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped.outputStream())) {
          gz.write(plain.readByteArray());
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
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

  /** A body that breaks its connection after {@code keep} bytes. */
  static final class CutBody implements MockResponseBody {
    private final MockResponseBody whole;
    private final long keep;

    CutBody(MockResponseBody whole, long keep) {
      this.whole = whole;
      this.keep = keep;
    }

    @Override
    public long getContentLength() {
      return whole.getContentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      okio.Buffer all = new okio.Buffer();
      whole.writeTo(all);
      sink.write(all, keep);
      sink.flush();
      // closing the sink closes the socket: the client sees the body end early
      sink.close();
      throw new IOException("connection cut by the test after " + keep + " bytes");
    }
  }

  /** A body that sends {@code head} bytes, then waits for {@code release} before sending the rest. */
  static final class HeldBody implements MockResponseBody {
    private final MockResponseBody whole;
    private final long head;
    private final CountDownLatch release;

    HeldBody(MockResponseBody whole, long head, CountDownLatch release) {
      this.whole = whole;
      this.head = head;
      this.release = release;
    }

    @Override
    public long getContentLength() {
      return whole.getContentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      okio.Buffer all = new okio.Buffer();
      whole.writeTo(all);
      sink.write(all, head);
      sink.flush();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) throw new IOException("held body never released");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      sink.writeAll(all);
      // MockWebServer does not flush a custom body's tail by itself
      sink.flush();
    }
  }
}
