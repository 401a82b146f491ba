package dev.hoard.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/** Says what went wrong in words a person can act on: {@code connection refused}, {@code timed out after 30 s}. */
public final class Failure {
  private Failure() {}

  public static String describe(Throwable t) {
    if (t instanceof StatusException || t instanceof NotRetryableException) return t.getMessage();
    if (t instanceof ProxyRefusedException) return t.getMessage();
    if (t instanceof ConnectException) return "connection refused";
    if (t instanceof UnknownHostException) return "unknown host " + t.getMessage();
    if (t instanceof NoRouteToHostException) return "no route to host";
    // the stall rule says what it saw in its own words
    if (t instanceof SocketTimeoutException && message(t).startsWith("stalled")) return message(t);
    if (t instanceof SocketTimeoutException || t instanceof ConnectTimeoutException) {
      return "timed out (" + message(t) + ")";
    }
    if (t instanceof SSLException ssl) return TlsFailure.describe(ssl);
    if (t instanceof NoHttpResponseException) return "server closed the connection without answering";
    if (t instanceof ConnectionClosedException) return "connection closed early: " + message(t);
    if (t instanceof SocketException) {
      String m = message(t);
      return m.toLowerCase(Locale.ROOT).contains("reset") ? "connection reset" : m;
    }
    if (t instanceof InterruptedIOException) return "interrupted";
    if (t instanceof IOException) return message(t);
    return t.getClass().getSimpleName() + ": " + message(t);
  }

  /**
   * Why a file named by an option (cookies, netrc, certificates) could not be read, in words: the caller names the
   * file, and the JDK's message is often the path again ({@code cannot read /x: /x}).
   */
  public static String describeReading(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
    return describe(e);
  }

  /**
   * Whether the host could not be reached at all: it refused the connection, its name is unknown, or there is no
   * route to it. Another try soon rarely helps; another mirror does.
   */
  public static boolean unreachable(Throwable t) {
    return t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException;
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
