package dev.hoard.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small forward proxy on 127.0.0.1: forwards absolute-form requests ({@code GET http://host/path}), tunnels
 * {@code CONNECT host:port}, and logs each request line with the Proxy-Authorization it came with. It can resolve
 * a made-up host name ({@code only-via-proxy.test}) to a local port, so a request that reached that server can only
 * have gone through the proxy; and it can demand credentials, answering {@code 407} without them.
 */
public final class TestProxy implements Closeable {
  /** A request the proxy received: its request line as sent, and its Proxy-Authorization header or null. */
  public record Seen(String requestLine, String proxyAuthorization) {}

  private final ServerSocket server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> fakeHosts = new ConcurrentHashMap<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile String expectedAuthorization;

  private TestProxy() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    Thread acceptor = new Thread(this::acceptLoop, "test-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static TestProxy start() throws IOException {
    return new TestProxy();
  }

  /** Requests for {@code name} (any port) go to 127.0.0.1:{@code port}; no DNS knows the name. */
  public TestProxy resolve(String name, int port) {
    fakeHosts.put(name.toLowerCase(Locale.ROOT), port);
    return this;
  }

  /** From now on, a request without these Basic credentials gets {@code 407 Proxy Authentication Required}. */
  public TestProxy requireCredentials(String user, String password) {
    expectedAuthorization = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code http://user:password@127.0.0.1:PORT}. */
  public String url(String user, String password) {
    return "http://" + user + ":" + password + "@127.0.0.1:" + port();
  }

  /** Every request received so far, in arrival order; a request is logged before it is forwarded. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) closeQuietly(s);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "test-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        Head head = Head.read(in);
        if (head == null) return;
        seen.add(new Seen(head.firstLine, head.header("Proxy-Authorization")));
        String expected = expectedAuthorization;
        if (expected != null && !expected.equals(head.header("Proxy-Authorization"))) {
          skipBody(head, in);
          write(out, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
              + "Content-Length: 0\r\n\r\n");
          continue;
        }
        String[] parts = head.firstLine.split(" ");
        if (parts.length != 3) {
          write(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
          return;
        }
        if (parts[0].equals("CONNECT")) {
          tunnel(client, parts[1]);
          return;
        }
        if (!forward(head, parts, in, out)) return;
      }
    } catch (IOException e) {
      // the client or the target went away: nothing to report, the test sees what its client saw
    } finally {
      open.remove(client);
    }
  }

  /** Sends one absolute-form request on a fresh connection to its target and relays the answer; false to close. */
  private boolean forward(Head head, String[] parts, InputStream in, OutputStream out) throws IOException {
    URI target = URI.create(parts[1]);
    if (target.getScheme() == null || target.getHost() == null) {
      write(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 20\r\nConnection: close\r\n\r\nnot a proxy request\n");
      return false;
    }
    int port = target.getPort() >= 0 ? target.getPort() : 80;
    try (Socket upstream = connect(target.getHost(), port)) {
      open.add(upstream);
      OutputStream up = upstream.getOutputStream();
      String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
      if (target.getRawQuery() != null) path += "?" + target.getRawQuery();
      StringBuilder request = new StringBuilder(parts[0] + " " + path + " " + parts[2] + "\r\n");
      for (String[] h : head.headers) {
        String name = h[0].toLowerCase(Locale.ROOT);
        if (name.equals("proxy-authorization") || name.equals("proxy-connection") || name.equals("connection")) continue;
        request.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      write(up, request.toString());
      copyBody(head, in, up);
      up.flush();

      InputStream down = upstream.getInputStream();
      Head answer = Head.read(down);
      if (answer == null) throw new IOException("the target closed without answering");
      StringBuilder response = new StringBuilder(answer.firstLine + "\r\n");
      boolean untilEof = false;
      int code = Integer.parseInt(answer.firstLine.split(" ")[1]);
      boolean bodyless = parts[0].equals("HEAD") || code == 204 || code == 304 || code < 200;
      String length = answer.header("Content-Length");
      boolean chunked = "chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"));
      if (!bodyless && length == null && !chunked) untilEof = true;
      for (String[] h : answer.headers) {
        String name = h[0].toLowerCase(Locale.ROOT);
        if (name.equals("connection") || name.equals("keep-alive")) continue;
        response.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      if (untilEof) response.append("Connection: close\r\n");
      response.append("\r\n");
      write(out, response.toString());
      if (bodyless) {
        // nothing follows the head
      } else if (chunked) {
        copyChunked(down, out);
      } else if (length != null) {
        copyExactly(down, out, Long.parseLong(length.strip()));
      } else {
        down.transferTo(out);
      }
      out.flush();
      return !untilEof;
    } finally {
      open.removeIf(Socket::isClosed);
    }
  }

  private void tunnel(Socket client, String authority) throws IOException {
    int colon = authority.lastIndexOf(':');
    String host = authority.substring(0, colon);
    int port = Integer.parseInt(authority.substring(colon + 1));
    try (Socket upstream = connect(host, port)) {
      open.add(upstream);
      write(client.getOutputStream(), "HTTP/1.1 200 Connection established\r\n\r\n");
      Thread back = new Thread(() -> pump(upstream, client), "test-proxy-tunnel");
      back.setDaemon(true);
      back.start();
      pump(client, upstream);
      try {
        back.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      open.removeIf(Socket::isClosed);
    }
  }

  private Socket connect(String host, int port) throws IOException {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    Integer fake = fakeHosts.get(h.toLowerCase(Locale.ROOT));
    return fake != null ? new Socket(InetAddress.getByName("127.0.0.1"), fake) : new Socket(h, port);
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // one side closed
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException e) {
        closeQuietly(to);
      }
    }
  }

  private static void copyBody(Head head, InputStream in, OutputStream out) throws IOException {
    String length = head.header("Content-Length");
    if (length != null) copyExactly(in, out, Long.parseLong(length.strip()));
    else if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) copyChunked(in, out);
  }

  private static void skipBody(Head head, InputStream in) throws IOException {
    copyBody(head, in, OutputStream.nullOutputStream());
  }

  private static void copyExactly(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) throw new IOException("short body");
      out.write(buf, 0, r);
      n -= r;
    }
  }

  private static void copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = Head.line(in);
      if (sizeLine == null) throw new IOException("short chunked body");
      write(out, sizeLine + "\r\n");
      int semi = sizeLine.indexOf(';');
      long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      if (size == 0) {
        String trailer;
        do {
          trailer = Head.line(in);
          if (trailer == null) throw new IOException("short chunked body");
          write(out, trailer + "\r\n");
        } while (!trailer.isEmpty());
        return;
      }
      copyExactly(in, out, size + 2); // the chunk and its CRLF
    }
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** A request or response head: its first line and its header fields in order. */
  private record Head(String firstLine, List<String[]> headers) {
    static Head read(InputStream in) throws IOException {
      String first = line(in);
      if (first == null) return null;
      List<String[]> headers = new ArrayList<>();
      for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
        int colon = l.indexOf(':');
        headers.add(new String[] {l.substring(0, colon).strip(), l.substring(colon + 1).strip()});
      }
      return new Head(first, headers);
    }

    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) return h[1];
      }
      return null;
    }

    /** One line without its CRLF, or null at the end of the stream before any byte. */
    static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') b.write(c);
      if (c < 0 && b.size() == 0) return null;
      String s = b.toString(StandardCharsets.ISO_8859_1);
      return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
  }
}
