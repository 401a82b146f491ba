package dev.hoard.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code --notify-cmd}: runs the command through {@code sh -c} with {@code HOARD_URL}, {@code HOARD_STATE},
 * {@code HOARD_HTTP} and {@code HOARD_ERROR} set. A command still running after the timeout is killed with the
 * processes it started; its output is kept only to explain a failure.
 */
final class CommandNotifier implements Notifier {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final int TAIL = 200;

  private final String command;
  private final Duration timeout;

  CommandNotifier(String command, Duration timeout) {
    if (command.isBlank()) throw new IllegalArgumentException("command is blank");
    this.command = command;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "--notify-cmd";
  }

  @Override
  public void deliver(CheckResult change) throws IOException, InterruptedException {
    Path log = Files.createTempFile("hoard-notify-", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.put("HOARD_URL", change.shownUrl());
      env.put("HOARD_STATE", change.state());
      env.put("HOARD_HTTP", change.http() == 0 ? "" : Integer.toString(change.http()));
      env.put("HOARD_ERROR", change.error() == null ? "" : change.error());
      Process process = builder.start();
      process.getOutputStream().close();
      boolean exited;
      try {
        exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        kill(process);
        throw e;
      }
      if (!exited) {
        kill(process);
        throw new IOException("still running after " + timeout.toMillis() + " ms, killed");
      }
      if (process.exitValue() != 0) throw new IOException("exited with status " + process.exitValue() + tail(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Kills the command and what it started, children first so none is left behind an orphan. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** The last line the command printed, as {@code : text}, or nothing. */
  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) return "";
      String last = text.substring(text.lastIndexOf('\n') + 1).strip();
      return ": " + (last.length() > TAIL ? last.substring(0, TAIL) + "…" : last);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
