package dev.hoard.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throttled HTTP/1.1 file server on 127.0.0.1 for process-level tests: serves byte ranges (or not), evaluates
 * {@code If-Range} (or not), answers 416 past the end, paces each response in small chunks, can hold every response
 * before one offset, and logs every request with the bytes it actually wrote to the socket. One request per
 * connection ({@code Connection: close}), so a client that drops a response is seen at once.
 */
final class RangeServer implements Closeable {
  /** One version of a file. Null validators are not sent. */
  record Version(byte[] body, String etag, String lastModified) {}

  /** How a response is paced: {@code chunk} bytes, then a pause of {@code pauseMillis}. */
  record Pace(int chunk, long pauseMillis) {
    static final Pace FAST = new Pace(64 * 1024, 0);
  }

  /** One request as the server saw it, and the body bytes {@code [start, start + served)} it wrote. */
  static final class Request {
    final String path;
    final String range;
    final String ifRange;
    final int status;
    final long start;
    /** Exclusive end of what the response promised. */
    final long end;
    final AtomicLong served = new AtomicLong();

    Request(String path, String range, String ifRange, int status, long start, long end) {
      this.path = path;
      this.range = range;
      this.ifRange = ifRange;
      this.status = status;
      this.start = start;
      this.end = end;
    }

    boolean ranged() {
      return range != null;
    }

    @Override
    public String toString() {
      return status + " " + path + " Range=" + range + " If-Range=" + ifRange + " served=[" + start + ","
          + (start + served.get()) + ")";
    }
  }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "range-server");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<String, Version> files = new ConcurrentHashMap<>();
  private final List<Request> log = new CopyOnWriteArrayList<>();
  private final AtomicLong served = new AtomicLong();
  private volatile boolean closed;

  /** Whether {@code Range} is honoured; when not, every GET gets the whole file with 200. */
  volatile boolean ranges = true;
  /** Whether a non-matching {@code If-Range} turns a range request into a 200 (RFC 9110); else it is ignored. */
  volatile boolean ifRange = true;
  /** The pace of a response, by the offset it starts at. */
  volatile LongFunction<Pace> pace = start -> Pace.FAST;
  /** No response sends the byte at this offset (or later) until it is set back to -1. */
  volatile long holdAt = -1;
  /** Requests for ranges starting where this holds get no answer at all (not even headers) while it holds. */
  volatile java.util.function.LongPredicate mute = start -> false;

  RangeServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** Serves {@code version} at {@code path} from now on. */
  void put(String path, Version version) {
    files.put(path, version);
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** Every request so far, in arrival order. */
  List<Request> log() {
    return List.copyOf(log);
  }

  /** Body bytes written to sockets so far, all requests together. */
  long served() {
    return served.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        open.add(s);
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        if (!closed) e.printStackTrace();
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
      s.setTcpNoDelay(true);
      Map<String, String> headers = new ConcurrentHashMap<>();
      String requestLine = readHead(in, headers);
      if (requestLine == null) return;
      String[] parts = requestLine.split(" ");
      String path = parts.length > 1 ? parts[1] : "/";
      Version v = files.get(path);
      if (v == null) {
        log.add(new Request(path, headers.get("range"), headers.get("if-range"), 404, 0, 0));
        head(out, "404 Not Found", "Content-Length: 0\r\n");
        return;
      }
      respond(out, path, v, headers.get("range"), headers.get("if-range"));
    } catch (IOException e) {
      // the client dropped the connection: expected when pieces are aborted or the process is killed
    } finally {
      open.remove(s);
    }
  }

  private void respond(OutputStream out, String path, Version v, String range, String ifRangeValue)
      throws IOException {
    long length = v.body().length;
    StringBuilder validators = new StringBuilder();
    if (v.etag() != null) validators.append("ETag: ").append(v.etag()).append("\r\n");
    if (v.lastModified() != null) validators.append("Last-Modified: ").append(v.lastModified()).append("\r\n");
    Matcher m = range == null ? null : RANGE.matcher(range.trim());
    boolean useRange = ranges && m != null && m.matches();
    if (useRange && ifRangeValue != null && ifRange) {
      useRange = ifRangeValue.equals(v.etag()) || ifRangeValue.equals(v.lastModified());
    }
    long asked = useRange ? Long.parseLong(m.group(1)) : 0;
    while (mute.test(asked) && !closed) sleep(5);
    String acceptRanges = ranges ? "Accept-Ranges: bytes\r\n" : "";
    if (!useRange) {
      Request r = new Request(path, range, ifRangeValue, 200, 0, length);
      log.add(r);
      head(out, "200 OK", "Content-Length: " + length + "\r\n" + acceptRanges + validators);
      body(out, v.body(), r);
      return;
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
    if (first >= length || last < first) {
      log.add(new Request(path, range, ifRangeValue, 416, first, first));
      head(out, "416 Range Not Satisfiable", "Content-Range: bytes */" + length + "\r\nContent-Length: 0\r\n");
      return;
    }
    Request r = new Request(path, range, ifRangeValue, 206, first, last + 1);
    log.add(r);
    head(out, "206 Partial Content", "Content-Range: bytes " + first + "-" + last + "/" + length
        + "\r\nContent-Length: " + (last + 1 - first) + "\r\n" + acceptRanges + validators);
    body(out, v.body(), r);
  }

  private static void head(OutputStream out, String status, String headers) throws IOException {
    out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private void body(OutputStream out, byte[] bytes, Request r) throws IOException {
    Pace p = pace.apply(r.start);
    long at = r.start;
    while (at < r.end && !closed) {
      long hold = holdAt;
      if (hold >= 0 && at >= hold) {
        sleep(5);
        continue;
      }
      long stop = Math.min(r.end, at + p.chunk());
      if (hold >= 0 && hold > at) stop = Math.min(stop, hold);
      out.write(bytes, (int) at, (int) (stop - at));
      out.flush();
      r.served.addAndGet(stop - at);
      served.addAndGet(stop - at);
      at = stop;
      if (p.pauseMillis() > 0 && at < r.end) sleep(p.pauseMillis());
    }
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  /** Reads the request line and headers (names lower-cased); null at end of stream. */
  private static String readHead(InputStream in, Map<String, String> headers) throws IOException {
    String requestLine = null;
    while (true) {
      String line = readLine(in);
      if (line == null) return null;
      if (line.isEmpty()) return requestLine;
      if (requestLine == null) {
        requestLine = line;
      } else {
        int colon = line.indexOf(':');
        if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') return b.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    for (Socket s : open) s.close();
    threads.shutdownNow();
  }
}
