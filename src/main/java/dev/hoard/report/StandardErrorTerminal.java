package dev.hoard.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.jline.utils.InfoCmp;

/**
 * Standard error's terminal, opened through JLine for live lines only: it takes neither SIGINT (hoard's own handler
 * saves progress before exiting) nor standard input (hoard may be reading its links there), and sends the terminal no
 * query, since the answer would come on an input nobody reads.
 */
final class StandardErrorTerminal {
  private StandardErrorTerminal() {}

  /** Tried in order: jni reads standard error's size itself; exec needs standard input to be the terminal too. */
  private static final List<String> PROVIDERS = List.of("jni", "exec");

  /** An open terminal, and what gives back what opening it took (the WINCH handler). */
  record Opened(Terminal terminal, Runnable release) {}

  /** Whether standard error is a terminal that can move its cursor. */
  static boolean present() {
    return !"dumb".equals(System.getenv("TERM")) && isTerminal(SystemStream.Error);
  }

  /** Whether {@code stream} is a terminal, asked of that stream alone (isatty). */
  static boolean isTerminal(SystemStream stream) {
    if (redirected(stream)) return false;
    for (String name : PROVIDERS) {
      try {
        return TerminalProvider.load(name).isSystemStream(stream);
      } catch (IOException | RuntimeException | LinkageError unavailable) {
        // this provider cannot run here (no native library for this platform): ask the next
      }
    }
    return false;
  }

  /**
   * Whether {@code stream} plainly goes elsewhere than a terminal: Linux names its target in {@code /proc/self/fd},
   * and a pipe, a socket, a regular file or {@code /dev/null} is none. Loading a JLine provider to ask isatty costs a
   * run some 50 ms at start-up, which output sent to a file or a pipe, as in scripts, should not pay. False when it
   * cannot tell: then JLine asks.
   */
  static boolean redirected(SystemStream stream) {
    Path fd = Path.of("/proc/self/fd", stream == SystemStream.Output ? "1" : stream == SystemStream.Error ? "2" : "0");
    try {
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("pipe:") || target.startsWith("socket:") || target.equals("/dev/null")
          || Files.isRegularFile(fd);
    } catch (IOException | RuntimeException unknown) {
      return false;
    }
  }

  /**
   * Standard error's terminal, with its WINCH raised on it when the window changes size; when standard error is not
   * a terminal, or none of the providers can open it, a terminal of 80 by 24 writing to standard error all the same.
   */
  static Opened open() throws IOException {
    for (String name : PROVIDERS) {
      Terminal t = null;
      try {
        TerminalProvider provider = TerminalProvider.load(name);
        if (!provider.isSystemStream(SystemStream.Error)) continue;
        // not TerminalBuilder: it wants standard input to be the terminal too, and it probes the terminal.
        // No native signals: the provider would put every signal it knows on the terminal, SIGINT too
        t = provider.sysTerminal("hoard", type(), false, StandardCharsets.UTF_8, StandardCharsets.UTF_8,
            StandardCharsets.UTF_8, false, Terminal.SignalHandler.SIG_DFL, false, SystemStream.Error);
        Terminal opened = t;
        Object previous = provider.registerSignal("WINCH", () -> opened.raise(Terminal.Signal.WINCH));
        return new Opened(t, () -> provider.unregisterSignal("WINCH", previous));
      } catch (IOException | RuntimeException | LinkageError unavailable) {
        if (t != null) t.close();
        // the next provider, or the plain stream below
      }
    }
    // exec's terminal over streams writes straight through; jni's would relay through a pty of its own
    Terminal t = TerminalBuilder.builder().system(false).provider("exec")
        .streams(InputStream.nullInputStream(), unclosable(System.err))
        .type(type()).encoding(StandardCharsets.UTF_8).size(Size.of(80, 24))
        .graphemeCluster(false).build();
    return new Opened(t, () -> {});
  }

  /** Whether the locale's characters are UTF-8, by the variables the C library reads, the first one set deciding. */
  static boolean unicode(UnaryOperator<String> env) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String value = env.apply(name);
      if (value != null && !value.isEmpty()) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.contains("utf-8") || v.contains("utf8");
      }
    }
    return false;
  }

  private static String type() {
    return type(System::getenv);
  }

  /**
   * The terminal type to draw for: TERM when JLine can read its capabilities (bundled, or from this machine's terminfo
   * through infocmp), else {@code ansi}, which the terminals of today all understand. Handed a TERM this machine has
   * no terminfo for (xterm-kitty, alacritty, foot, over ssh or without ncurses), JLine would log a warning with a
   * stack trace of 30 lines on standard error at every run, then fall back to ansi all the same.
   */
  static String type(UnaryOperator<String> env) {
    String term = env.apply("TERM");
    if (term == null || term.isBlank()) return "ansi";
    try {
      // read once here; JLine keeps what it read and does not ask infocmp again when the terminal opens
      InfoCmp.getInfoCmp(term);
      return term;
    } catch (IOException e) {
      return "ansi";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "ansi";
    }
  }

  /** {@code out} for a terminal that closes what it is given: closing it only flushes. */
  private static OutputStream unclosable(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
