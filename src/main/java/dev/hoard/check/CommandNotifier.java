package dev.hoard.check;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code --notify-cmd}: runs the command through {@code sh -c} with {@code HOARD_URL}, {@code HOARD_STATE},
 * {@code HOARD_HTTP} and {@code HOARD_ERROR} set; what it prints, on either stream, goes to hoard's standard error.
 * The command has the timeout to end and print what it has to print; one still running then is killed with the
 * processes it started.
 */
final class CommandNotifier implements Notifier {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String command;
  private final Duration timeout;
  private final PrintWriter err;

  CommandNotifier(String command, Duration timeout, PrintWriter err) {
    if (command.isBlank()) throw new IllegalArgumentException("command is blank");
    this.command = command;
    this.timeout = timeout;
    this.err = err;
  }

  @Override
  public String name() {
    return "--notify-cmd";
  }

  @Override
  public void deliver(CheckResult change) throws IOException, InterruptedException {
    // one pipe for both streams, so the lines come out in the order the command printed them
    ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("HOARD_URL", change.shownUrl());
    env.put("HOARD_STATE", change.state());
    env.put("HOARD_HTTP", change.http() == 0 ? "" : Integer.toString(change.http()));
    env.put("HOARD_ERROR", change.error() == null ? "" : change.error());
    long deadline = System.nanoTime() + timeout.toNanos();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot run sh: " + e.getMessage(), e);
    }
    process.getOutputStream().close();
    OutputRelay output = OutputRelay.start(process.getInputStream(), err, "hoard-notify-cmd-output");
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        kill(process);
        throw new IOException("still running after " + timeout.toMillis() + " ms, killed");
      }
      // all it printed comes out before a failure is explained. A process it left in the background may keep the
      // pipe open (whether it does depends on a race in the JDK, which closes the pipe when the shell exits unless a
      // read is under way): its output is waited for within the timeout only, then passed on as it comes
      output.awaitEnd(deadline - System.nanoTime());
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    }
    int status = process.exitValue();
    if (status != 0) throw new IOException(failure(status));
  }

  /** Why a command failed, in words: its status, and what sh means by the two it sets itself. */
  private static String failure(int status) {
    String words = switch (status) {
      case 126 -> ": the command cannot be run";
      case 127 -> ": command not found";
      default -> "";
    };
    return "exited with status " + status + words;
  }

  /** Kills the command and what it started, children first so none is left behind an orphan. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
