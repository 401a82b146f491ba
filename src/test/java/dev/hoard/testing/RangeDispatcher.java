package dev.hoard.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;

/**
 * The one range-serving fake: a MockWebServer dispatcher (start it with {@link Servers#start}) that serves files as a
 * range-honouring server does. {@code Range: bytes=A-B} and {@code A-} get a {@code 206} with {@code Content-Range},
 * {@code Accept-Ranges} and the file's validators ({@code ETag}, {@code Last-Modified}); a range past the end gets
 * {@code 416} with {@code bytes *}{@code /LENGTH}; an {@code If-Range} that matches neither validator gets the whole
 * file with {@code 200}. It logs every request in arrival order with the status it got and the body bytes actually
 * written, counts the requests in flight, and lets a test put a named fault of {@link RangeFaults} in front of the
 * requests it chooses. In-process tests and the process-level tests (hoard in a child process) share it.
 */
public final class RangeDispatcher extends Dispatcher {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
  /** How long a held body or request waits for its release at most, so a broken test ends instead of hanging. */
  static final long HOLD_LIMIT_SECONDS = 60;

  /**
   * One request as the server saw it.
   *
   * @param first the first byte asked for, or -1 without a usable Range header
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

    /** The same request without its Range, as a server that ignores it sees it. */
    public Requested unranged() {
      return new Requested(path, null, null, -1, -1);
    }
  }

  /** A request, logged as it arrives: the status it was answered with and the body bytes written so far. */
  public static final class Logged {
    private final Requested request;
    private volatile int status;
    private volatile long start;
    private final AtomicLong served = new AtomicLong();

    Logged(Requested request) {
      this.request = request;
    }

    public Requested request() {
      return request;
    }

    /** The status answered, or 0 while the request waits for its answer. */
    public int status() {
      return status;
    }

    /** The file offset the body starts at: 0 for a whole file, the range's first byte for a {@code 206}. */
    public long start() {
      return start;
    }

    /** The body bytes written to the connection so far: {@code [start, start + served)} of the file. */
    public long served() {
      return served.get();
    }

    @Override
    public String toString() {
      return request.path() + " " + (request.range() == null ? "(no range)" : request.range())
          + (request.ifRange() == null ? "" : " If-Range " + request.ifRange()) + " -> " + status
          + " served [" + start + ", " + (start + served.get()) + ")";
    }
  }

  /** Answers a request in place of the file, or returns null to let the file be served (after any side effect). */
  @FunctionalInterface
  public interface Fault {
    MockResponse answer(Requested request, RangeDispatcher server) throws InterruptedException;
  }

  private record Served(byte[] bytes, String etag, String lastModified) {}

  private record Rule(Predicate<Requested> when, Fault fault, AtomicInteger left) {}

  /** What the body of the request being dispatched reports to: its log entry and its time in flight. */
  private record Exchange(Logged logged, Runnable leave) {}

  private final Map<String, Served> files = new ConcurrentHashMap<>();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Logged> log = new CopyOnWriteArrayList<>();
  private final AtomicLong served = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final ThreadLocal<Exchange> current = new ThreadLocal<>();
  private volatile CountDownLatch gate = new CountDownLatch(1);
  private volatile boolean ignoreRanges;
  private volatile boolean ignoreIfRange;
  private volatile long openRangeCap = Long.MAX_VALUE;
  private volatile int throttleBytes;
  private volatile long throttleMillis;

  /** Serves {@code bytes} at {@code path} with the strong ETag {@code "etag"} (none if null), replacing any. */
  public RangeDispatcher file(String path, byte[] bytes, String etag) {
    return file(path, bytes, etag, null);
  }

  /** Serves {@code bytes} at {@code path} with these validators (each left out if null), replacing any. */
  public RangeDispatcher file(String path, byte[] bytes, String etag, String lastModified) {
    files.put(path, new Served(bytes, etag == null ? null : "\"" + etag + "\"", lastModified));
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
  public RangeDispatcher throttle(int bytes, long millis) {
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

  /**
   * Heals the server: drops every fault and the throttle, and releases every body and request a fault holds until
   * then ({@link RangeFaults#stallAfter}, {@link RangeFaults#holdFrom}, {@link RangeFaults#silent}).
   */
  public RangeDispatcher clearFaults() {
    rules.clear();
    throttleBytes = 0;
    CountDownLatch old = gate;
    gate = new CountDownLatch(1);
    old.countDown();
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

  /** Body bytes written to connections so far, all requests together. */
  public long served() {
    return served.get();
  }

  /** The most requests this server had in flight at once: from the request's arrival to its body's last byte. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** The bytes currently served at {@code path}. */
  public byte[] bytes(String path) {
    return files.get(path).bytes();
  }

  /** A latch opened when the faults are cleared or the server closes: what held bodies and requests wait for. */
  CountDownLatch gate() {
    return gate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    Requested r = parse(request);
    Logged logged = new Logged(r);
    log.add(logged);
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    AtomicBoolean left = new AtomicBoolean();
    Runnable leave = () -> {
      if (left.compareAndSet(false, true)) inFlight.decrementAndGet();
    };
    current.set(new Exchange(logged, leave));
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
      if (throttleBytes > 0 && answer.getBody() instanceof SliceBody body && !body.paced()) {
        answer = answer.newBuilder().body(body.paced(throttleBytes, throttleMillis)).build();
      }
      bodyCounts = answer.getBody() instanceof SliceBody;
      logged.status = answer.getCode();
      return answer;
    } finally {
      // a served slice leaves the count just before its last byte; anything else as it is handed over
      current.remove();
      if (!bodyCounts) leave.run();
    }
  }

  /** The normal answer to a request: the file or the asked range of it. */
  public MockResponse serve(Requested r) {
    Served f = files.get(r.path());
    if (f == null) return new MockResponse.Builder().code(404).body("not found").build();
    int length = f.bytes().length;
    boolean matches = r.ifRange() == null || r.ifRange().equals(f.etag()) || r.ifRange().equals(f.lastModified());
    if (!r.ranged() || ignoreRanges || !(matches || ignoreIfRange)) {
      MockResponse.Builder b = validated(new MockResponse.Builder().code(200), f)
          .body(slice(f.bytes(), 0, length));
      if (!ignoreRanges) b.setHeader("Accept-Ranges", "bytes");
      return b.build();
    }
    if (r.first() >= length) {
      return new MockResponse.Builder().code(416).setHeader("Content-Range", "bytes */" + length).build();
    }
    long last = r.closed() ? r.last() : r.first() + Math.min(openRangeCap, length) - 1;
    last = Math.min(last, length - 1);
    if (last < r.first()) {
      // bytes=5-3 is no range at all (RFC 9110): the whole file
      return serve(r.unranged());
    }
    return validated(new MockResponse.Builder().code(206), f)
        .setHeader("Accept-Ranges", "bytes")
        .setHeader("Content-Range", "bytes " + r.first() + "-" + last + "/" + length)
        .body(slice(f.bytes(), (int) r.first(), (int) last + 1))
        .build();
  }

  private static MockResponse.Builder validated(MockResponse.Builder b, Served f) {
    if (f.etag() != null) b.setHeader("ETag", f.etag());
    if (f.lastModified() != null) b.setHeader("Last-Modified", f.lastModified());
    return b;
  }

  /** A body of {@code bytes[from, to)} that reports to the request being dispatched (none outside a dispatch). */
  private SliceBody slice(byte[] bytes, int from, int to) {
    Exchange ex = current.get();
    Logged logged = ex == null ? new Logged(null) : ex.logged();
    logged.start = from;
    return new SliceBody(bytes, from, to, logged, served, ex == null ? () -> {} : ex.leave());
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
    gate.countDown();
  }

  /**
   * Bytes {@code [from, to)} of a file, written in chunks that are counted as they leave; a fault reshapes it to go
   * at a pace, to wait at an offset for a latch, or to break its connection at an offset. A hook runs just before the
   * last byte goes out, so the request leaves the count in flight while the client still waits for its end.
   */
  static final class SliceBody implements MockResponseBody {
    private static final int CHUNK = 16 * 1024;
    private static final long NONE = Long.MAX_VALUE;

    private final byte[] bytes;
    private final int from;
    private final int to;
    private final Logged logged;
    private final AtomicLong total;
    private final Runnable beforeLastByte;
    private final int chunk;
    private final long pauseMillis;
    private final long holdAt;
    private final CountDownLatch release;
    private final long cutAt;

    SliceBody(byte[] bytes, int from, int to, Logged logged, AtomicLong total, Runnable beforeLastByte) {
      this(bytes, from, to, logged, total, beforeLastByte, CHUNK, 0, NONE, null, NONE);
    }

    private SliceBody(byte[] bytes, int from, int to, Logged logged, AtomicLong total, Runnable beforeLastByte,
        int chunk, long pauseMillis, long holdAt, CountDownLatch release, long cutAt) {
      this.bytes = bytes;
      this.from = from;
      this.to = to;
      this.logged = logged;
      this.total = total;
      this.beforeLastByte = beforeLastByte;
      this.chunk = chunk;
      this.pauseMillis = pauseMillis;
      this.holdAt = holdAt;
      this.release = release;
      this.cutAt = cutAt;
    }

    /** The same bytes, {@code chunk} at a time with a pause of {@code millis} after each. */
    SliceBody paced(int chunk, long millis) {
      return new SliceBody(bytes, from, to, logged, total, beforeLastByte, chunk, millis, holdAt, release, cutAt);
    }

    boolean paced() {
      return pauseMillis > 0;
    }

    /** The same bytes, which stop before file offset {@code offset} until {@code release} opens. */
    SliceBody heldAt(long offset, CountDownLatch release) {
      return new SliceBody(bytes, from, to, logged, total, beforeLastByte, chunk, pauseMillis, offset, release, cutAt);
    }

    /** The same bytes, whose connection breaks before file offset {@code offset}. */
    SliceBody cutAt(long offset) {
      return new SliceBody(bytes, from, to, logged, total, beforeLastByte, chunk, pauseMillis, holdAt, release, offset);
    }

    /** The file offset the body starts at. */
    long from() {
      return from;
    }

    /** The bytes this body carries. */
    byte[] content() {
      return Arrays.copyOfRange(bytes, from, to);
    }

    @Override
    public long getContentLength() {
      return to - from;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      boolean hooked = false;
      try {
        long at = from;
        while (at < to) {
          if (at >= holdAt) await();
          if (at >= cutAt) {
            // closing the sink closes the socket: the client sees the body end early
            sink.close();
            throw new IOException("connection cut by the test at offset " + at);
          }
          if (at == to - 1) {
            hooked = true;
            beforeLastByte.run();
          }
          long stop = Math.min(to, at + chunk);
          for (long mark : new long[] {holdAt, cutAt, to - 1}) if (mark > at && mark < stop) stop = mark;
          sink.write(bytes, (int) at, (int) (stop - at));
          // MockWebServer only emits into the socket's own buffer: flush, or short bodies never leave
          sink.flush();
          logged.served.addAndGet(stop - at);
          total.addAndGet(stop - at);
          at = stop;
          if (pauseMillis > 0 && at < to) pause();
        }
      } finally {
        if (!hooked) beforeLastByte.run();
      }
    }

    private void await() throws IOException {
      try {
        if (!release.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) throw new IOException("held body never released");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    private void pause() throws IOException {
      try {
        // a slow network, played by the server: the client under test is what waits
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }
}
