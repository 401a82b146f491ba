package dev.hoard.check;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Test fixture: a port that takes connections and never says a word. It never even accepts them: the kernel completes
 * the handshake into the listen backlog, so a client connects, sends its request and waits for its read timeout.
 */
public final class HangingServer implements Closeable {
  private final ServerSocket socket;

  public HangingServer() throws IOException {
    socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
  }

  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** A URL on a local port nothing listens on: connecting to it is refused. */
  public static String closedPortUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort() + "/";
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
