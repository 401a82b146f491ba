package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
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

  private static final CheckResult DOWN =
      CheckResult.down(URI.create("https://me:secret@a.test/x"), 503, 40, "503 Service Unavailable");

  private static CommandNotifier notifier(String command) {
    return new CommandNotifier(command, Duration.ofSeconds(20));
  }

  @Test
  void theCommandGetsTheChangeInItsEnvironment() throws Exception {
    Path log = dir.resolve("changes.log");
    String cmd = "printf '%s|%s|%s|%s\\n' \"$HOARD_URL\" \"$HOARD_STATE\" \"$HOARD_HTTP\" \"$HOARD_ERROR\" >> '" + log + "'";
    notifier(cmd).deliver(DOWN);
    notifier(cmd).deliver(CheckResult.up(URI.create("https://b.test/"), 200, 5));
    notifier(cmd).deliver(CheckResult.down(URI.create("https://c.test/"), 0, 5, "connection refused"));
    assertEquals(List.of(
        "https://me:***@a.test/x|down|503|503 Service Unavailable",
        "https://b.test/|up|200|",
        "https://c.test/|down||connection refused"), Files.readAllLines(log));
  }

  @Test
  void aFailingCommandIsAnErrorWithItsStatusAndLastLineOfOutput() {
    IOException e = assertThrows(IOException.class,
        () -> notifier("echo starting; echo 'no route to pager' >&2; exit 3").deliver(DOWN));
    assertEquals("exited with status 3: no route to pager", e.getMessage());
  }

  @Test
  void aCommandStillRunningAfterTheTimeoutIsKilledWithWhatItStarted() throws Exception {
    Path pid = dir.resolve("child.pid");
    CommandNotifier hanging = new CommandNotifier("sleep 60 & echo $! > '" + pid + "'; wait", Duration.ofMillis(300));
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
