package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar hoard.jar get ARGS} as a separate process, its output captured to files. */
final class HoardProcess {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static int runs;

  final Process process;
  private final Path out;
  private final Path err;

  private HoardProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static Path jar() {
    String jar = System.getProperty("hoard.jar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)),
        "system property hoard.jar must name the shaded jar (run through mvn verify): " + jar);
    return Path.of(jar);
  }

  /** Starts {@code hoard get ARGS} in {@code work}. */
  static HoardProcess start(Path work, String... args) throws IOException {
    return startWith(work, List.of(), args);
  }

  /**
   * Starts it through {@code bash -c 'PRELUDE; exec java ...'}, for limits such as {@code ulimit -f}; the process is
   * java itself.
   */
  static HoardProcess startUnder(Path work, String prelude, String... args) throws IOException {
    return startWith(work, List.of("bash", "-c", prelude + "; exec \"$@\"", "bash"), args);
  }

  /**
   * Starts {@code hoard get ARGS} with the JVM flags and heap of the {@code ./hoard} launcher (no {@code -Xmx}: the
   * JVM's default), its standard input a pipe the test writes to through {@link #stdin()}.
   */
  static HoardProcess startAsLauncherWithStdin(Path work, String... args) throws IOException {
    List<String> flags = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m", "-Xmn24m",
        "-XX:-UsePerfData", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    return startWith(work, List.of(), flags, ProcessBuilder.Redirect.PIPE, args);
  }

  /** Starts {@code hoard get ARGS} with the test's JVM flags and a heap of {@code maxHeap} ({@code 64m}). */
  static HoardProcess startWithHeap(Path work, String maxHeap, String... args) throws IOException {
    return startWith(work, List.of(), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx" + maxHeap),
        ProcessBuilder.Redirect.from(new java.io.File("/dev/null")), args);
  }

  private static HoardProcess startWith(Path work, List<String> wrapper, String... args) throws IOException {
    // a short-lived CLI: the quick JIT tier and a small heap start it fastest on two cores
    return startWith(work, wrapper, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"),
        ProcessBuilder.Redirect.from(new java.io.File("/dev/null")), args);
  }

  private static synchronized HoardProcess startWith(Path work, List<String> wrapper, List<String> flags,
      ProcessBuilder.Redirect input, String... args) throws IOException {
    List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(List.of("-jar", jar().toString(), "get"));
    command.addAll(List.of(args));
    int n = ++runs;
    Path out = work.resolve("hoard-" + n + ".out");
    Path err = work.resolve("hoard-" + n + ".err");
    Process p = new ProcessBuilder(command).directory(work.toFile())
        .redirectInput(input)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new HoardProcess(p, out, err);
  }

  /** The process's standard input, when it was started with a pipe there. */
  java.io.OutputStream stdin() {
    return process.getOutputStream();
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for the exit, failing the test if it takes longer than the overall deadline. */
  int exitCode() throws InterruptedException {
    return exitCode(DEADLINE);
  }

  int exitCode(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      fail("hoard did not exit within " + within + "\nstderr:\n" + stderr());
    }
    return process.exitValue();
  }

  /** SIGKILL, then waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Sends a signal by name ({@code TERM}, {@code INT}) with the {@code kill} command. */
  void signal(String name) throws IOException, InterruptedException {
    Process k = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
    assertTrue(k.waitFor(10, TimeUnit.SECONDS) && k.exitValue() == 0, "kill -" + name + " failed");
  }

  String stdout() {
    return read(out);
  }

  String stderr() {
    return read(err);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
