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
 * bytes no HTTP library would write). Each connection's request head is read, then its handler writes what it
 * likes; the connection closes when the handler returns.
 */
public final class RawServer implements Closeable {
  /** What a connection answers, given the request head it read. */
  @FunctionalInterface
  public interface Handler {
    void answer(String requestHead, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public RawServer(Handler handler) throws IOException {
    socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          Thread t = new Thread(() -> serve(s, handler), "raw-server-connection");
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
  }
}
