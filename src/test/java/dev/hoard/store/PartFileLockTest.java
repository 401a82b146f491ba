package dev.hoard.store;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.ServedFolderTest;
import dev.hoard.testing.Servers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * A part file another hoard process is writing stays that process's: a second download of the same name neither
 * empties it nor writes into it, and fails saying why. The lock is the one another process would hold; here the test
 * holds it, as a second process would find it.
 */
class PartFileLockTest extends ServedFolderTest {
  private static final String THEIRS = "bytes another process has written so far";

  @Test
  void openingAPartFileAnotherHoldsFailsAndLeavesItsBytes() throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve("f.bin");
    Path part = PartFile.partOf(target);
    Files.writeString(part, THEIRS);
    try (FileChannel other = FileChannel.open(part, StandardOpenOption.WRITE); FileLock held = other.lock()) {
      PartFile.Busy busy = assertThrows(PartFile.Busy.class, () -> PartFile.open(target, true, "http://h/f.bin"));
      assertEquals("f.bin.part is being downloaded by another hoard process; run the same command again once it has"
          + " finished", busy.getMessage());
      assertEquals(THEIRS, Files.readString(part), "emptied though another process held it");
    }
    try (PartFile mine = PartFile.open(target, true, "http://h/f.bin")) {
      assertEquals(0, mine.size(), "free again: opened fresh, emptied");
    }
  }

  /**
   * The lock is the kernel's, held for another process to see: a second JVM, as another hoard would, cannot take it
   * while the part is open, also after the origin was recorded on it (closing any descriptor of a file drops a
   * process's record locks, and recording the origin opens one), and can once the part was committed.
   */
  @Test
  void anotherProcessFindsThePartLockedFromOpenToCommit() throws Exception {
    Files.createDirectories(dir);
    Path target = dir.resolve("f.bin");
    Path part = PartFile.partOf(target);
    Path probe = tmp.resolve("TryLock.java");
    Files.writeString(probe, """
        import java.nio.channels.FileChannel;
        import java.nio.file.Path;
        import java.nio.file.StandardOpenOption;
import java.util.Arrays;
        public class TryLock {
          public static void main(String[] a) throws Exception {
            try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {
              System.exit(c.tryLock() == null ? 3 : 0);
            }
          }
        }
        """);
    PartFile mine = PartFile.open(target, true, "http://h/f.bin");
    mine.write("whole".getBytes(java.nio.charset.StandardCharsets.UTF_8), 5, 0);
    assertEquals(3, otherProcessTryLock(probe, part), "another process took the lock of a part being written");
    mine.commit(false, java.time.Instant.parse("2020-09-13T12:26:40Z"));
    assertEquals(0, otherProcessTryLock(probe, target), "the committed file stays locked");
  }

  private static int otherProcessTryLock(Path source, Path file) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        source.toString(), file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    int code = p.waitFor();
    if (code != 0 && code != 3) throw new AssertionError("the probe failed: " + out);
    return code;
  }

  /**
   * A part written in pieces whose resume state is gone (a user's {@code rm *.state}) may have holes: it starts over
   * rather than being resumed after its length, which would keep the holes as zeros.
   */
  @Test
  void aPartWrittenInPiecesWithoutItsStateStartsOverAndTheFileIsWhole() throws IOException {
    byte[] data = Servers.bytes(4 << 20);
    RangeDispatcher ranged = new RangeDispatcher().file("/pieces.bin", data, "\"v1\"");
    try (MockWebServer rangedServer = Servers.start(ranged)) {
      String link = url(rangedServer, "/pieces.bin");
      Files.createDirectories(dir);
      Path target = dir.resolve("pieces.bin");
      // what a killed run of four pieces leaves: each piece's first half written, the rest a hole
      try (PartFile part = PartFile.open(target, true, link, true)) {
        for (int piece = 0; piece < 4; piece++) {
          int from = piece << 20;
          part.write(Arrays.copyOfRange(data, from, from + (1 << 19)), 1 << 19, from);
        }
      }
      assertFalse(Files.exists(PartFile.stateOf(target)));

      Hoard.get(dir, "-x", "4", "-k", "256K", link).exits(0).errContains("written in pieces", "starting over");

      assertArrayEquals(data, Files.readAllBytes(target));
    }
  }

  @Test
  void aDownloadWhosePartFileIsHeldFailsWithoutTouchingItStreamedOrInPieces() throws IOException {
    routes.on("/whole.bin", ok("the whole body, streamed"));
    byte[] data = Servers.bytes(4 << 20);
    RangeDispatcher ranged = new RangeDispatcher().file("/ranged.bin", data, "\"v1\"");
    try (MockWebServer rangedServer = Servers.start(ranged)) {
      Files.createDirectories(dir);
      for (String name : new String[] {"whole.bin", "ranged.bin"}) {
        Path part = PartFile.partOf(dir.resolve(name));
        Files.writeString(part, THEIRS);
        String link = name.equals("whole.bin") ? url(server, "/whole.bin") : url(rangedServer, "/ranged.bin");
        FileOrigin.record(part, link);
        try (FileChannel other = FileChannel.open(part, StandardOpenOption.WRITE); FileLock held = other.lock()) {
          Hoard.get(dir, "-x", "4", "-k", "256K", link).exits(1)
              .errContains(link + ": " + name + ".part is being downloaded by another hoard process");

          assertEquals(THEIRS, Files.readString(part), name + ": written into or emptied");
          assertFalse(Files.exists(dir.resolve(name)), name + ": landed");
          assertFalse(Files.exists(PartFile.stateOf(dir.resolve(name))), name + ": a state beside another's part");
        }
      }
    }
  }
}
