package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * hoard on a real terminal: {@code script} (util-linux) gives it a pseudo-terminal for standard output and standard
 * error, and the shell line inside says what standard input is.
 */
class TerminalIT extends ResumeHarness {

  /** {@code sh -c LINE} on a pseudo-terminal; what the terminal received, and the exit status. */
  private record Typed(int status, String screen) {}

  private Typed onTerminal(String line) throws Exception {
    Path typescript = work.resolve("typescript");
    Process p = new ProcessBuilder("script", "-q", "-e", "-c", line, typescript.toString())
        .directory(work.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(work.resolve("script.out").toFile())
        .redirectErrorStream(true)
        .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hoard under script did not exit");
    return new Typed(p.exitValue(), Files.readString(typescript, StandardCharsets.UTF_8));
  }

  private static boolean scriptAvailable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "script"))) return true;
    }
    return false;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void standardInputFromAFileLeavesATerminalsOutputATerminal() throws Exception {
    assumeTrue(scriptAvailable(), "no script(1) here to make a pseudo-terminal");
    files.file("/a.bin", bytes(7, 64 * KIB), "v1");
    String hoard = String.join(" ", List.of(java(), "-XX:TieredStopAtLevel=1", "-jar", HoardProcess.jar().toString(),
        "get", "-d", dir.toString(), url("/a.bin")));
    // the links come from a pipe or a file, as with -i -: standard output and standard error are still the terminal
    Typed run = onTerminal(hoard + " < /dev/null");
    assertEquals(0, run.status(), run.screen());
    assertTrue(run.screen().contains("1 ok, 0 skipped, 0 failed"), run.screen());
    // a terminal gets live lines and the summary, not the line per file meant for a file or a pipe
    assertFalse(run.screen().contains("ok      "), "a line per file on the terminal:\n" + run.screen());
  }

  @Test
  void resultsSentToAFileStillLeaveLiveBarsOnTheTerminal() throws Exception {
    assumeTrue(scriptAvailable(), "no script(1) here to make a pseudo-terminal");
    files.file("/b.bin", bytes(8, 64 * KIB), "v1");
    String hoard = String.join(" ", List.of(java(), "-XX:TieredStopAtLevel=1", "-jar", HoardProcess.jar().toString(),
        "get", "-d", dir.toString(), url("/b.bin")));
    Path results = work.resolve("results.txt");
    // as with curl and wget: > results.txt keeps the record, and the person at the terminal still sees progress
    Typed run = onTerminal(hoard + " < /dev/null > " + results);
    assertEquals(0, run.status(), run.screen());
    String kept = Files.readString(results);
    assertTrue(kept.startsWith("ok ") && kept.contains("1 ok, 0 skipped, 0 failed"), kept);
    assertTrue(run.screen().contains(" files "), "no live total line on the terminal:\n" + run.screen());
  }
}
