package dev.hoard.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;

/**
 * A MockWebServer dispatcher that serves files as a range-honouring server does: {@code Range: bytes=A-B} and
 * {@code A-} get a {@code 206} with {@code Content-Range}, {@code Accept-Ranges} and {@code ETag}; a range past the end
 * gets {@code 416}; an {@code If-Range} that does not match gets the whole new file with {@code 200}. It logs every
 * request's Range header in arrival order, counts the requests in flight, and lets a test put a {@link Fault} (see
 * {@link RangeFaults}) in front of the requests it chooses.
 */
public final class RangeDispatcher extends Dispatcher {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  /**
   * One request as the server saw it.
   *
   * @param first the first byte asked for, or -1 without a Range header
   * @param last the last byte asked for (inclusive), or -1 for an open range ({@code bytes=A-}) or none
   */
  public record Requested(String path, String range, String ifRange, long first, long last) {
    public boolean ranged() {
      return first >= 0;
    }

    /** A range with both ends, as a piece request has; the probe's {@code bytes=A-} has none. */
    public boolean closed() {
      return last >= 0;
    }

    /** Whether the range asks for exactly {@code [start, end)}. */
    public boolean asks(long start, long end) {
      return first == start && last == end - 1;
    }
  }

  /** A request and the status it was answered with. */
  public record Logged(Requested request, int status) {
    @Override
    public String toString() {
      return request.path() + " " + (request.range() == null ? "(no range)" : request.range()) + " -> " + status;
    }
  }

  /** Answers a request in place of the file, or returns null to let the file be served (after any side effect). */
  @FunctionalInterface
  public interface Fault {
    MockResponse answer(Requested request, RangeDispatcher server) throws InterruptedException;
  }

  private record Served(byte[] bytes, String etag) {}

  private record Rule(Predicate<Requested> when, Fault fault, AtomicInteger left) {}

  private final Map<String, Served> files = new ConcurrentHashMap<>();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Logged> log = new CopyOnWriteArrayList<>();
  private final List<CountDownLatch> held = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  /** Ends the current request's time in flight, once; bodies built while dispatching it capture it. */
  private final ThreadLocal<Runnable> leave = ThreadLocal.withInitial(() -> () -> {});
  private volatile boolean ignoreRanges;
  private volatile boolean ignoreIfRange;
  private volatile long openRangeCap = Long.MAX_VALUE;
  private volatile long throttleBytes;
  private volatile long throttleMillis;

  /** Serves {@code bytes} at {@code path} with the strong ETag {@code "etag"} (none if null), replacing any. */
  public RangeDispatcher file(String path, byte[] bytes, String etag) {
    files.put(path, new Served(bytes, etag == null ? null : "\"" + etag + "\""));
    return this;
  }

  /** Answers every request with {@code 200} and the whole file, without {@code Accept-Ranges}, as old servers do. */
  public RangeDispatcher ignoringRanges() {
    ignoreRanges = true;
    return this;
  }

  /** Serves ranges whatever {@code If-Range} says, as a server that does not implement it does. */
  public RangeDispatcher ignoringIfRange() {
    ignoreIfRange = true;
    return this;
  }

  /** Answers an open range {@code bytes=A-} with at most {@code max} bytes, as some CDNs do (RFC 9110 allows it). */
  public RangeDispatcher capOpenRanges(long max) {
    openRangeCap = max;
    return this;
  }

  /** Sends every body at {@code bytes} per {@code millis}, so that responses stay in flight a while. */
  public RangeDispatcher throttle(long bytes, long millis) {
    throttleBytes = bytes;
    throttleMillis = millis;
    return this;
  }

  /** Lets {@code fault} answer every request that {@code when} matches, before the file is served. */
  public RangeDispatcher on(Predicate<Requested> when, Fault fault) {
    return on(when, Integer.MAX_VALUE, fault);
  }

  /** Lets {@code fault} answer the first {@code times} requests that {@code when} matches. */
  public RangeDispatcher on(Predicate<Requested> when, int times, Fault fault) {
    rules.add(new Rule(when, fault, new AtomicInteger(times)));
    return this;
  }

  /** The requests so far, in arrival order. */
  public List<Logged> log() {
    return List.copyOf(log);
  }

  /** The requests so far for {@code path}, in arrival order. */
  public List<Requested> requests(String path) {
    List<Requested> out = new ArrayList<>();
    for (Logged l : log) if (l.request().path().equals(path)) out.add(l.request());
    return out;
  }

  /** The most requests this server had in flight at once: from the request's arrival to its body's last byte. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** A latch released when the server closes, for bodies that hold a response until then. */
  CountDownLatch heldUntilClose() {
    CountDownLatch latch = new CountDownLatch(1);
    held.add(latch);
    return latch;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    Requested r = parse(request);
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    AtomicBoolean left = new AtomicBoolean();
    Runnable done = () -> {
      if (left.compareAndSet(false, true)) inFlight.decrementAndGet();
    };
    leave.set(done);
    boolean bodyCounts = false;
    try {
      MockResponse answer = null;
      for (Rule rule : rules) {
        if (rule.when().test(r) && rule.left().getAndDecrement() > 0) {
          answer = rule.fault().answer(r, this);
          if (answer != null) break;
        }
      }
      if (answer == null) answer = serve(r);
      if (throttleBytes > 0) {
        answer = answer.newBuilder().throttleBody(throttleBytes, throttleMillis, TimeUnit.MILLISECONDS).build();
      }
      bodyCounts = answer.getBody() instanceof SliceBody;
      log.add(new Logged(r, answer.getCode()));
      return answer;
    } finally {
      // a served slice leaves the count just before its last byte; anything else as it is handed over
      leave.remove();
      if (!bodyCounts) done.run();
    }
  }

  /** The normal answer to a request: the file or the asked range of it. */
  public MockResponse serve(Requested r) {
    Served f = files.get(r.path());
    if (f == null) return new MockResponse.Builder().code(404).body("not found").build();
    int length = f.bytes().length;
    boolean stale = r.ifRange() != null && !ignoreIfRange && !r.ifRange().equals(f.etag());
    if (!r.ranged() || ignoreRanges || stale) {
      MockResponse.Builder b = new MockResponse.Builder().code(200)
          .body(new SliceBody(f.bytes(), 0, length, leave.get()));
      if (f.etag() != null) b.setHeader("ETag", f.etag());
      if (!ignoreRanges) b.setHeader("Accept-Ranges", "bytes");
      return b.build();
    }
    if (r.first() >= length) {
      return new MockResponse.Builder().code(416).setHeader("Content-Range", "bytes */" + length).build();
    }
    long last = r.closed() ? Math.min(r.last(), length - 1) : Math.min(length - 1, r.first() + openRangeCap - 1);
    return slice(f.bytes(), f.etag(), r.first(), last + 1).build();
  }

  /** The bytes currently served at {@code path}. */
  public byte[] bytes(String path) {
    return files.get(path).bytes();
  }

  private MockResponse.Builder slice(byte[] bytes, String etag, long start, long end) {
    MockResponse.Builder b = new MockResponse.Builder().code(206)
        .setHeader("Accept-Ranges", "bytes")
        .setHeader("Content-Range", "bytes " + start + "-" + (end - 1) + "/" + bytes.length)
        .body(new SliceBody(bytes, (int) start, (int) end, leave.get()));
    return etag == null ? b : b.setHeader("ETag", etag);
  }

  private static Requested parse(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String range = request.getHeaders().get("Range");
    String ifRange = request.getHeaders().get("If-Range");
    long first = -1;
    long last = -1;
    if (range != null) {
      Matcher m = RANGE.matcher(range.trim());
      if (m.matches()) {
        first = Long.parseLong(m.group(1));
        last = m.group(2).isEmpty() ? -1 : Long.parseLong(m.group(2));
      }
    }
    return new Requested(path, range, ifRange, first, last);
  }

  @Override
  public void close() {
    for (CountDownLatch latch : held) latch.countDown();
  }

  /** Bytes {@code [from, to)} of an array, with a hook run just before the last byte goes out. */
  static final class SliceBody implements MockResponseBody {
    private final byte[] bytes;
    private final int from;
    private final int to;
    private final Runnable beforeLastByte;

    SliceBody(byte[] bytes, int from, int to, Runnable beforeLastByte) {
      this.bytes = bytes;
      this.from = from;
      this.to = to;
      this.beforeLastByte = beforeLastByte;
    }

    @Override
    public long getContentLength() {
      return to - from;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      boolean hooked = false;
      try {
        int at = from;
        while (at < to - 1) {
          int n = Math.min(16 * 1024, to - 1 - at);
          sink.write(bytes, at, n);
          sink.flush();
          at += n;
        }
        hooked = true;
        beforeLastByte.run();
        if (to > from) sink.write(bytes, to - 1, 1);
        // MockWebServer only emits into the socket's own buffer: flush, or short bodies never leave
        sink.flush();
      } finally {
        if (!hooked) beforeLastByte.run();
      }
    }
  }
}
