package dev.hoard.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoard.fetch.HttpDate;
import dev.hoard.runtime.Clock;
import dev.hoard.runtime.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's HTTP server on 127.0.0.1 at a free port (the JDK's own server): serves a {@link Catalog} with single
 * byte ranges, {@code ETag} and {@code Last-Modified}, every response body paced to a per-connection rate, as a
 * slow mirror sends it.
 */
final class DemoServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final Catalog catalog;
  private final long bytesPerSecond;
  private final String lastModified;

  private DemoServer(HttpServer server, ExecutorService threads, Catalog catalog, long bytesPerSecond) {
    this.server = server;
    this.threads = threads;
    this.catalog = catalog;
    this.bytesPerSecond = bytesPerSecond;
    this.lastModified = HttpDate.format(Instant.now());
  }

  /**
   * Starts serving {@code catalog}.
   *
   * @param bytesPerSecond the cap on each response body; 0 for none
   */
  static DemoServer start(Catalog catalog, long bytesPerSecond) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    // a thread per exchange: a paced body holds its thread for its whole length
    ExecutorService threads = Executors.newCachedThreadPool(Threads.daemon("hoard-demo-server"));
    DemoServer server = new DemoServer(http, threads, catalog, bytesPerSecond);
    http.createContext("/", server::handle);
    http.setExecutor(threads);
    http.start();
    return server;
  }

  /** {@code http://127.0.0.1:PORT} + {@code path}. */
  URI url(String path) {
    InetSocketAddress at = server.getAddress();
    return URI.create("http://" + at.getAddress().getHostAddress() + ":" + at.getPort() + path);
  }

  private void handle(HttpExchange exchange) {
    try {
      answer(exchange);
    } catch (IOException e) {
      // the client went away: a probe's connection is closed as soon as its piece is read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        exchange.close();
      } catch (RuntimeException e) {
        // closing a body cut short complains; the connection is dropped all the same
      }
    }
  }

  private void answer(HttpExchange exchange) throws IOException, InterruptedException {
    String method = exchange.getRequestMethod();
    boolean head = method.equals("HEAD");
    Headers headers = exchange.getResponseHeaders();
    if (!head && !method.equals("GET")) {
      headers.set("Allow", "GET, HEAD");
      plain(exchange, 405, "only GET and HEAD\n");
      return;
    }
    Served served = catalog.at(exchange.getRequestURI().getRawPath());
    if (served == null) {
      plain(exchange, 404, "not found\n");
      return;
    }
    Headers asked = exchange.getRequestHeaders();
    long total = served.body().length;
    RangeReply reply = RangeReply.to(asked.getFirst("Range"), asked.getFirst("If-Range"), served.etag(), lastModified,
        total);
    headers.set("Accept-Ranges", "bytes");
    headers.set("ETag", served.etag());
    headers.set("Last-Modified", lastModified);
    if (reply.contentRange(total) != null) headers.set("Content-Range", reply.contentRange(total));
    if (reply.status() != 416) headers.set("Content-Type", served.contentType());
    if (reply.status() == 416 || head || reply.length() == 0) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(reply.status(), reply.length());
    try (OutputStream body = exchange.getResponseBody()) {
      new Pacer(bytesPerSecond, Clock.SYSTEM).copy(served.body(), (int) reply.first(), (int) reply.length(), body);
    }
  }

  private static void plain(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
