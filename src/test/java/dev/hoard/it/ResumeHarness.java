package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the process-level resume tests share: a {@link RangeDispatcher} serving the files (in the test JVM, while
 * hoard runs as a child process), a download folder, a polling wait that checks at every poll that nothing incomplete
 * sits under the final name, and the checks made at a kill point and after the rerun.
 */
abstract class ResumeHarness {
  static final int KIB = 1024;
  static final int MIB = 1024 * 1024;
  /** Generous: conditions are polled, so the deadline only matters when something hangs. */
  static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  @TempDir Path work;
  final RangeDispatcher files = new RangeDispatcher();
  private MockWebServer server;
  Path dir;

  @BeforeEach
  void startServer() throws IOException {
    server = Servers.start(files);
    dir = work.resolve("dl");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** {@code http://127.0.0.1:PORT/path} on the test's server. */
  String url(String path) {
    return Servers.url(server, path);
  }

  /** Reproducible bytes: the same seed gives the same file. */
  static byte[] bytes(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path p) throws IOException {
    return sha256(Files.readAllBytes(p));
  }

  Path target(String name) {
    return dir.resolve(name);
  }

  Path part(String name) {
    return dir.resolve(name + ".part");
  }

  Path state(String name) {
    return dir.resolve(name + ".part.state");
  }

  /** {@code hoard get -d dl ARGS} with quick retries. */
  HoardProcess start(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("-d", dir.toString(), "--retry-wait=50ms"));
    all.addAll(List.of(args));
    return HoardProcess.start(work, all.toArray(String[]::new));
  }

  /**
   * Polls {@code condition} until it holds; at every poll, a file under the final name must already be whole. Fails
   * when the process ends first or the overall deadline passes.
   */
  void until(String what, HoardProcess p, String name, long length, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      assertWholeOrAbsent(name, length);
      if (condition.getAsBoolean()) return;
      if (!p.alive()) {
        fail("hoard exited (" + p.process.exitValue() + ") before: " + what + "\nserver: " + files.log()
            + "\nstderr:\n" + p.stderr());
      }
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for: " + what + "\nserver: " + files.log() + "\nstderr:\n" + p.stderr());
      }
      Thread.sleep(5);
    }
  }

  /** A file under the final name is never partial: it is absent, or has every byte. */
  void assertWholeOrAbsent(String name, long length) {
    try {
      long size = Files.size(target(name));
      assertEquals(length, size, "a partial file appeared under the final name " + name);
    } catch (java.nio.file.NoSuchFileException absent) {
      // not there yet: fine
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The ranges the state file claims, or none when there is no state file; fails on a state hoard cannot read. */
  static List<long[]> claimed(Path stateFile) throws IOException {
    if (!Files.exists(stateFile)) return List.of();
    Map<String, Object> m = JSON.std.mapFrom(Files.readString(stateFile));
    List<long[]> out = new ArrayList<>();
    for (Object o : (List<?>) m.get("done")) {
      List<?> pair = (List<?>) o;
      out.add(new long[] {((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).longValue()});
    }
    return out;
  }

  static long sum(List<long[]> ranges) {
    return ranges.stream().mapToLong(r -> r[1] - r[0]).sum();
  }

  static String show(List<long[]> ranges) {
    return ranges.stream().map(Arrays::toString).collect(Collectors.joining(" "));
  }

  /** The claims of the state as a kill left it, quietly empty while the state is being replaced. */
  long claimedNow(String name) {
    try {
      return sum(claimed(state(name)));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The checks at a kill point: the final name holds the whole file or nothing, and every byte the state claims is
   * in the part file and right. Returns the claims.
   */
  List<long[]> checkKillPoint(String name, byte[] body) throws IOException {
    assertWholeOrAbsent(name, body.length);
    if (Files.exists(target(name))) assertEquals(sha256(body), sha256(target(name)), "final file");
    List<long[]> claims = claimed(state(name));
    if (claims.isEmpty()) return claims;
    assertTrue(Files.exists(part(name)), "a state without its part file");
    byte[] onDisk = Files.readAllBytes(part(name));
    for (long[] r : claims) {
      assertTrue(r[1] <= onDisk.length, "state claims " + Arrays.toString(r) + " past the part file's "
          + onDisk.length + " bytes");
      assertArrayEquals(Arrays.copyOfRange(body, (int) r[0], (int) r[1]),
          Arrays.copyOfRange(onDisk, (int) r[0], (int) r[1]), "state claims bytes not written: " + Arrays.toString(r));
    }
    return claims;
  }

  /** The file landed whole under its final name, with no part or state left beside it. */
  void assertLanded(String name, byte[] body) throws IOException {
    assertTrue(Files.exists(target(name)), name + " did not land");
    assertEquals(sha256(body), sha256(target(name)), "the downloaded file differs from the server's");
    assertFalse(Files.exists(part(name)), "part file left behind");
    assertFalse(Files.exists(state(name)), "state file left behind");
  }

  /** The byte span {@code [start, end)} a request asked for: its Range, or the whole file without one. */
  static long[] asked(RangeDispatcher.Logged r, long length) {
    String range = r.request().range();
    if (range == null) return new long[] {0, length};
    Matcher m = RANGE.matcher(range);
    assertTrue(m.matches(), "unexpected Range " + range);
    long first = Long.parseLong(m.group(1));
    long end = m.group(2).isEmpty() ? length : Long.parseLong(m.group(2)) + 1;
    return new long[] {first, end};
  }

  /** No request of the rerun asks for a byte the state claimed before the kill; each carries If-Range. */
  static void assertAskedOnlyMissing(List<RangeDispatcher.Logged> rerun, List<long[]> claims, long length,
      String validator) {
    for (RangeDispatcher.Logged r : rerun) {
      long[] a = asked(r, length);
      for (long[] c : claims) {
        assertFalse(a[0] < c[1] && c[0] < a[1], "rerun asked again for claimed bytes: " + r + " overlaps "
            + Arrays.toString(c) + "; claims: " + show(claims) + "; rerun: " + rerun);
      }
      if (!claims.isEmpty() && validator != null) {
        assertEquals(validator, r.request().ifRange(), "a resumed range request without If-Range: " + r);
      }
    }
  }

  List<RangeDispatcher.Logged> since(int mark) {
    List<RangeDispatcher.Logged> all = files.log();
    return all.subList(mark, all.size());
  }
}
