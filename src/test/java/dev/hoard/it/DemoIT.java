package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar hoard.jar demo} as a user runs it: the JDK's HTTP server is there, and a signal ends it cleanly. */
class DemoIT {
  @TempDir Path work;

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", HoardProcess.jar().toString(), "demo", "--scratch-root", work.resolve("tmp").toString()));
    command.addAll(List.of(args));
    Files.createDirectories(work.resolve("tmp"));
    return new ProcessBuilder(command).directory(work.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(work.resolve("out").toFile()).redirectError(work.resolve("err").toFile()).start();
  }

  private int exit(Process p) throws Exception {
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail("hoard demo did not end within a minute\n" + read("err"));
    }
    return p.exitValue();
  }

  private String read(String name) throws IOException {
    return Files.readString(work.resolve(name), StandardCharsets.UTF_8);
  }

  private void assertNothingLeft() throws IOException {
    try (Stream<Path> left = Files.list(work.resolve("tmp"))) {
      assertEquals(List.of(), left.toList(), "the demo's scratch folder is removed");
    }
  }

  @Test
  void theBuiltJarRunsTheWholeDemoAndExitsZero() throws Exception {
    Process p = start("--files", "2", "--size", "256K", "--rate", "0");

    assertEquals(0, exit(p), read("err"));
    assertTrue(read("out").contains("both pools"), read("out"));
    assertTrue(read("out").contains("all 8 downloads verified"), read("out"));
    assertNothingLeft();
  }

  @Test
  void sigintWhileItDownloadsExits130AndRemovesWhatItWrote() throws Exception {
    // the serial way takes 8 s at this rate: the signal comes in the middle of it
    Process p = start("--files", "2", "--size", "1M", "--rate", "256K");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!read("err").contains("[1/5]")) {
      assertTrue(p.isAlive() && System.nanoTime() < deadline, "the serial way never started:\n" + read("err"));
      Thread.sleep(20);
    }
    assumeFalse(InterruptIT.ignores(p.pid(), "INT"), "SIGINT is ignored in this process tree (a background job)");

    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();

    assertEquals(130, exit(p), read("err"));
    assertNothingLeft();
  }
}
