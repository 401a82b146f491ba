package dev.hoard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * Test servers on 127.0.0.1 and the faults they play, as named fixtures. A {@link Routes} dispatcher answers by
 * path and records every request it saw, so tests assert on what reached the server without waiting for it.
 */
public final class Servers {
  private Servers() {}

  /**
   * A MockWebServer bound to 127.0.0.1 on a free port, answering through {@code dispatcher} (a {@link Routes}, a
   * {@link RangeDispatcher}), its connections sending at once.
   */
  public static MockWebServer start(Dispatcher dispatcher) throws IOException {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(dispatcher);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** {@code http://127.0.0.1:PORT/path}. */
  public static String url(MockWebServer server, String path) {
    return url("127.0.0.1", server, path);
  }

  /** The same server under another host name ({@code localhost}): another origin for the client. */
  public static String url(String host, MockWebServer server, String path) {
    return "http://" + host + ":" + server.getPort() + path;
  }

  // ---- responses -------------------------------------------------------------------------------------------

  /** 200 with {@code body} and its Content-Length. */
  public static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).body(body).build();
  }

  /** 200 with {@code body} and its Content-Length. */
  public static MockResponse ok(byte[] body) {
    return new MockResponse.Builder().code(200).body(new Buffer().write(body)).build();
  }

  /** An error status with the reason phrase a real server sends: {@code 404 Not Found}. */
  public static MockResponse status(int code, String reason) {
    return new MockResponse.Builder().status("HTTP/1.1 " + code + " " + reason).body(reason + "\n").build();
  }

  /** A redirect to {@code location} (absolute or relative). */
  public static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).setHeader("Location", location).build();
  }

  /** {@code 503 Service Unavailable} asking the client to come back in {@code retryAfter}. */
  public static MockResponse unavailable(String retryAfter) {
    return new MockResponse.Builder().status("HTTP/1.1 503 Service Unavailable").setHeader("Retry-After", retryAfter)
        .body("busy\n").build();
  }

  /** 200 with a chunked body: no Content-Length, so the size is known only at the end. */
  public static MockResponse chunked(String body) {
    return new MockResponse.Builder().code(200).chunkedBody(body, 1024).build();
  }

  /** 200 that names the file with a {@code Content-Disposition} header, as given. */
  public static MockResponse disposition(String header, String body) {
    return new MockResponse.Builder().code(200).addHeaderLenient("Content-Disposition", header).body(body).build();
  }

  // ---- faults --------------------------------------------------------------------------------------------------

  /** The connection drops after the request is read, before any byte of the answer. */
  public static MockResponse resetBeforeAnswer() {
    return new MockResponse.Builder().code(200).body("never sent")
        .onResponseStart(new SocketEffect.CloseSocket(true, true, true)).build();
  }

  /** The headers and half of {@code body} arrive (with the whole Content-Length), then the connection drops. */
  public static MockResponse resetMidBody(String body) {
    return new MockResponse.Builder().code(200).body(body)
        .onResponseBody(new SocketEffect.CloseSocket(true, true, true)).build();
  }

  /** {@code n} bytes that differ from one offset to the next, so a misplaced piece shows. */
  public static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + (i >> 8));
    return b;
  }

  /**
   * Answers by request path (the target without its query) and records every request. A path given several
   * responses serves them in order and repeats the last; an unknown path gets {@code 404 Not Found}.
   */
  public static final class Routes extends Dispatcher {
    private final Map<String, List<Function<RecordedRequest, MockResponse>>> routes = new ConcurrentHashMap<>();
    private final Map<String, Integer> served = new ConcurrentHashMap<>();
    private final List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
    private final List<Dispatcher> mounted = new CopyOnWriteArrayList<>();
    private volatile Function<RecordedRequest, MockResponse> otherwise = r -> status(404, "Not Found");

    public Routes on(String path, MockResponse... responses) {
      List<Function<RecordedRequest, MockResponse>> list = new ArrayList<>();
      for (MockResponse r : responses) list.add(request -> r);
      routes.put(path, list);
      return this;
    }

    public Routes on(String path, Function<RecordedRequest, MockResponse> handler) {
      routes.put(path, List.of(handler));
      return this;
    }

    /** Lets {@code dispatcher} (a {@link RangeDispatcher}, say) answer every request for {@code path}. */
    public Routes on(String path, Dispatcher dispatcher) {
      mounted.add(dispatcher);
      return on(path, request -> {
        try {
          return dispatcher.dispatch(request);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return resetBeforeAnswer();
        }
      });
    }

    /** What every path without a route gets. */
    public Routes otherwise(Function<RecordedRequest, MockResponse> handler) {
      otherwise = handler;
      return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      seen.add(request);
      String path = pathOf(request);
      List<Function<RecordedRequest, MockResponse>> list = routes.get(path);
      if (list == null) return otherwise.apply(request);
      int n = served.merge(path, 1, Integer::sum) - 1;
      return list.get(Math.min(n, list.size() - 1)).apply(request);
    }

    /** Every request seen so far, in arrival order. */
    public List<RecordedRequest> requests() {
      return List.copyOf(seen);
    }

    /** The requests seen for {@code path}. */
    public List<RecordedRequest> requests(String path) {
      return seen.stream().filter(r -> pathOf(r).equals(path)).toList();
    }

    @Override
    public void close() {
      mounted.forEach(Dispatcher::close);
    }

    static String pathOf(RecordedRequest request) {
      String target = request.getTarget();
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }
  }

  public static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
