package dev.hoard.check;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Test fixture: one local server playing many sites, one per path.
 *
 * <table>
 *   <tr><th>path</th><th>answer</th></tr>
 *   <tr><td>/ok</td><td>200</td></tr>
 *   <tr><td>/missing</td><td>404</td></tr>
 *   <tr><td>/broken</td><td>500</td></tr>
 *   <tr><td>/no-head</td><td>405 to HEAD, 200 to GET</td></tr>
 *   <tr><td>/no-head-501</td><td>501 to HEAD, 200 to GET with a 64 KiB body</td></tr>
 *   <tr><td>/moved</td><td>301 to /ok</td></tr>
 *   <tr><td>/moved-to-missing</td><td>302 to /missing</td></tr>
 *   <tr><td>any path given to {@link #script}</td><td>the scripted statuses in turn, the last one from then on</td></tr>
 * </table>
 */
public final class Sites implements Closeable {
  private final MockWebServer server = new MockWebServer();
  private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, List<String>> methods = new ConcurrentHashMap<>();

  public Sites() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        methods.computeIfAbsent(path, p -> java.util.Collections.synchronizedList(new ArrayList<>()))
            .add(request.getMethod());
        return answer(path, request.getMethod());
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  private MockResponse answer(String path, String method) {
    Deque<Integer> script = scripts.get(path);
    if (script != null) {
      synchronized (script) {
        return status(script.size() > 1 ? script.removeFirst() : script.getFirst(), method);
      }
    }
    return switch (path) {
      case "/ok" -> status(200, method);
      case "/missing" -> status(404, method);
      case "/broken" -> status(500, method);
      case "/no-head" -> status(method.equals("HEAD") ? 405 : 200, method);
      case "/no-head-501" -> method.equals("HEAD") ? status(501, method)
          : new MockResponse.Builder().code(200).body("x".repeat(64 * 1024)).build();
      case "/moved" -> new MockResponse.Builder().code(301).addHeader("Location", "/ok").build();
      case "/moved-to-missing" -> new MockResponse.Builder().code(302).addHeader("Location", "/missing").build();
      default -> status(404, method);
    };
  }

  /** A short body, none to a HEAD request, which must not get one. */
  private static MockResponse status(int code, String method) {
    MockResponse.Builder b = new MockResponse.Builder().code(code);
    if (!method.equals("HEAD")) b.body(code < 400 ? "fine" : "not fine");
    return b.build();
  }

  /** Makes {@code path} answer {@code codes} in turn, then the last one for ever. */
  public Sites script(String path, int... codes) {
    Deque<Integer> queue = new ArrayDeque<>();
    for (int c : codes) queue.add(c);
    scripts.put(path, queue);
    return this;
  }

  /** The URL of {@code path} on this server. */
  public String url(String path) {
    return server.url(path).toString();
  }

  /** The methods of the requests {@code path} got, in order. */
  public List<String> methods(String path) {
    return List.copyOf(methods.getOrDefault(path, List.of()));
  }

  @Override
  public void close() {
    server.close();
  }
}
