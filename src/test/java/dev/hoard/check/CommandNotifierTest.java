package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandNotifierTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private static final CheckResult DOWN =
      CheckResult.down(URI.create("https://me:secret@a.test/x"), 503, 40, "503 Service Unavailable");

  private CommandNotifier notifier(String command) {
    return notifier(command, Duration.ofSeconds(20));
  }

  private CommandNotifier notifier(String command, Duration timeout) {
    return new CommandNotifier(command, timeout, new PrintWriter(err, true));
  }

  private List<String> errLines() {
    return err.toString().lines().toList();
  }

  @Test
  void theCommandGetsTheChangeInItsEnvironment() throws Exception {
    String cmd = "printf '%s|%s|%s|%s\\n' \"$HOARD_URL\" \"$HOARD_STATE\" \"$HOARD_HTTP\" \"$HOARD_ERROR\"";
    notifier(cmd).deliver(DOWN);
    notifier(cmd).deliver(CheckResult.up(URI.create("https://b.test/"), 200, 5));
    notifier(cmd).deliver(CheckResult.down(URI.create("https://c.test/"), 0, 5, "connection refused"));
    assertEquals(List.of(
        "https://me:***@a.test/x|down|503|503 Service Unavailable",
        "https://b.test/|up|200|",
        "https://c.test/|down||connection refused"), errLines());
  }

  @Test
  void whatTheCommandPrintsOnEitherStreamGoesToStandardErrorInOrder() throws Exception {
    notifier("echo \"to stdout $HOARD_STATE\"; echo \"to stderr $HOARD_STATE\" >&2; printf 'last, no newline'")
        .deliver(DOWN);
    assertEquals(List.of("to stdout down", "to stderr down", "last, no newline"), errLines());
  }

  @Test
  void noControlCharacterOfItsOutputReachesTheTerminalRaw() throws Exception {
    notifier("printf 'a\\033[31mred\\tb\\r\\nbell\\007 and \\302\\233c1\\n'").deliver(DOWN);
    assertEquals(List.of("a\\x1b[31mred b", "bell\\x07 and \\x9bc1"), errLines());
  }

  @Test
  void aCommandThatPrintsALotIsReadAsItGoesAndAllOfItPassedOn() throws Exception {
    // far more than a pipe holds: a command that nobody read would block on it until killed
    notifier("yes 'a line' | head -n 100000; echo done").deliver(DOWN);
    List<String> lines = errLines();
    assertEquals(100_001, lines.size());
    assertEquals("a line", lines.get(0));
    assertEquals("done", lines.get(lines.size() - 1));
  }

  @Test
  void aFailingCommandIsExplainedByItsStatusAfterWhatItPrinted() {
    IOException e = assertThrows(IOException.class,
        () -> notifier("echo starting; echo 'no route to pager' >&2; exit 3").deliver(DOWN));
    assertEquals("exited with status 3", e.getMessage());
    assertEquals(List.of("starting", "no route to pager"), errLines());
  }

  @Test
  void aCommandThatIsNotFoundIsSaidToBe() {
    IOException e = assertThrows(IOException.class, () -> notifier("hoard-no-such-command-here").deliver(DOWN));
    assertEquals("exited with status 127: command not found", e.getMessage());
    assertTrue(err.toString().contains("hoard-no-such-command-here"), "sh's own message: " + err);
  }

  @Test
  void aCommandStillRunningAfterTheTimeoutIsKilledWithWhatItStarted() throws Exception {
    Path pid = dir.resolve("child.pid");
    CommandNotifier hanging = notifier("sleep 60 & echo $! > '" + pid + "'; wait", Duration.ofMillis(300));
    IOException e = assertThrows(IOException.class, () -> hanging.deliver(DOWN));
    assertEquals("still running after 300 ms, killed", e.getMessage());
    // no pid file means the shell was killed before it started the child: nothing can be left behind
    String written = Files.exists(pid) ? Files.readString(pid).strip() : "";
    if (written.isEmpty()) return;
    long child = Long.parseLong(written);
    ProcessHandle.of(child).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the command's child still runs");
  }
}
