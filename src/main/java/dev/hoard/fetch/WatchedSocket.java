package dev.hoard.fetch;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Proxy;
import java.net.Socket;
import java.time.Duration;

/**
 * A plain socket under the {@link StallWatch}: each read is timed and counted, each write (a new request) opens a
 * fresh window. TLS runs over it, so a server trickling its handshake, its head or its body is caught alike.
 */
final class WatchedSocket extends Socket {
  private final StallWatch watch;
  private InputStream in;
  private OutputStream out;

  WatchedSocket(Proxy proxy, Duration timeout) {
    super(proxy == null ? Proxy.NO_PROXY : proxy);
    this.watch = new StallWatch(timeout);
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (in == null) in = new Watched(super.getInputStream());
    return in;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (out == null) {
      out = new FilterOutputStream(super.getOutputStream()) {
        @Override public void write(byte[] b, int off, int len) throws IOException {
          watch.reset();
          this.out.write(b, off, len);
        }

        @Override public void write(int b) throws IOException {
          watch.reset();
          this.out.write(b);
        }
      };
    }
    return out;
  }

  private final class Watched extends FilterInputStream {
    Watched(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      long start = System.nanoTime();
      int b = in.read();
      watch.read(System.nanoTime() - start, b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long start = System.nanoTime();
      int n = in.read(b, off, len);
      watch.read(System.nanoTime() - start, n);
      return n;
    }
  }
}
