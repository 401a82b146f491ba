package dev.hoard.testing;

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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fixture: an HTTP server on raw sockets, for faults MockWebServer cannot play (a head sent a byte at a time,
 * bytes no HTTP library would write, a server that speaks before the client). Each connection's request head is
 * read, then its handler writes what it likes; the connection closes when the handler returns.
 */
public final class RawServer implements Closeable {
  /** What a connection answers, given the request head it read. */
  @FunctionalInterface
  public interface Handler {
    void answer(String requestHead, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public RawServer(Handler handler) throws IOException {
    this(handler, true);
  }

  /**
   * A server that speaks first: each connection gets {@code bytes} at once, before the client says anything, and is
   * then read (and ignored) until the client closes it, so the client reads the bytes rather than a reset. A TLS
   * client meets an answer that is no TLS at all, whatever the machine's speed.
   */
  public static RawServer speakingFirst(byte[] bytes) throws IOException {
    return new RawServer((nothingRead, out) -> send(out, bytes), false);
  }

  /**
   * A server answering every request with the lines of {@code head} (a status line and headers, sent as ISO-8859-1
   * bytes whatever they hold) and an empty body, then closing: for answers no HTTP library would write, as a reason
   * phrase holding an escape sequence.
   */
  public static RawServer answering(String... head) throws IOException {
    byte[] answer = (String.join("\r\n", head) + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    return new RawServer((request, out) -> send(out, answer));
  }

  private RawServer(Handler handler, boolean headFirst) throws IOException {
    socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          accepted.add(s);
          Thread t = new Thread(() -> {
            if (headFirst) serve(s, handler);
            else speakFirst(s, handler);
          }, "raw-server-connection");
          t.setDaemon(true);
          t.start();
        } catch (IOException closed) {
          return;
        }
      }
    }, "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void serve(Socket s, Handler handler) {
    try (s) {
      String head = readHead(s.getInputStream());
      requests.add(head);
      handler.answer(head, s.getOutputStream());
      s.getOutputStream().flush();
    } catch (IOException | InterruptedException ignored) {
      // the client went away: that is what most faults make it do
    }
  }

  private void speakFirst(Socket s, Handler handler) {
    try (s) {
      handler.answer("", s.getOutputStream());
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      // closing with unread bytes would reset the connection: read until the client gives up and closes
      while (in.read() >= 0) {
        // discard
      }
    } catch (IOException | InterruptedException ignored) {
      // the client went away
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String s = b.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) return s;
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code text} (ISO-8859-1 bytes) one byte every {@code millis}, as a server dribbling its answer does. */
  public static void trickle(OutputStream out, String text, long millis) throws IOException, InterruptedException {
    for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
      out.write(b);
      out.flush();
      Thread.sleep(millis);
    }
  }

  /** Writes raw bytes at once. */
  public static void send(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** The request heads seen so far. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : accepted) s.close();
  }
}
