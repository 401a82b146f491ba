package dev.hoard.check;

import dev.hoard.report.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Passes what a child process prints on to hoard's standard error, line by line and made printable, on a thread of its
 * own, so the child never waits on a full pipe. Its output may relay a server's words (a {@code curl} in the command),
 * so no control character reaches the terminal raw, as for any text a server chose.
 */
final class OutputRelay {
  /** A longer line is passed on in pieces of this many characters, so output without a newline cannot fill memory. */
  static final int LONGEST_LINE = 4096;

  private final Thread thread;

  private OutputRelay(Thread thread) {
    this.thread = thread;
  }

  /** Starts passing {@code output} on to {@code err} until it ends, on a daemon thread called {@code name}. */
  static OutputRelay start(InputStream output, PrintWriter err, String name) {
    Thread thread = new Thread(() -> {
      try (Reader in = new InputStreamReader(output, StandardCharsets.UTF_8)) {
        copy(in, err);
      } catch (IOException e) {
        // the pipe broke: the child is gone, and there is nothing more to pass on
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return new OutputRelay(thread);
  }

  /** Waits at most {@code nanos} for the output to end and all of it to be passed on; true when it has. */
  boolean awaitEnd(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
    return !thread.isAlive();
  }

  /** Copies {@code in} to {@code err} a line at a time, each made printable; a last line without a newline too. */
  static void copy(Reader in, PrintWriter err) throws IOException {
    StringBuilder line = new StringBuilder();
    char[] buffer = new char[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
        if (c == '\n') {
          println(line, err);
        } else {
          line.append(c);
          // never between the halves of a surrogate pair
          if (line.length() >= LONGEST_LINE && !Character.isHighSurrogate(c)) println(line, err);
        }
      }
    }
    if (!line.isEmpty()) println(line, err);
  }

  private static void println(StringBuilder line, PrintWriter err) {
    int end = line.length();
    // a CRLF line ends as a LF one, not with a space where its CR was
    if (end > 0 && line.charAt(end - 1) == '\r') end--;
    err.println(Printable.of(line.substring(0, end)));
    err.flush();
    line.setLength(0);
  }
}
