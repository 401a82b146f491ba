package dev.hoard.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartFileTest {
  @TempDir Path dir;

  private Path target() {
    return dir.resolve("file.bin");
  }

  private Path part() {
    return dir.resolve("file.bin.part");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void thePartAndStateLieBesideTheTarget() {
    assertEquals(dir.resolve("a.txt.part"), PartFile.partOf(dir.resolve("a.txt")));
    assertEquals(dir.resolve("a.txt.part.state"), PartFile.stateOf(dir.resolve("a.txt")));
  }

  @Test
  void writesEachPieceAtItsOffsetInAnyOrderLeavingZerosInTheGaps() throws IOException {
    try (PartFile f = PartFile.open(target(), true, "http://h/a.txt")) {
      f.write(utf8("world"), 5, 10);
      f.write(utf8("hello"), 5, 0);
      f.write(utf8("!"), 1, 15);
      assertEquals(16, f.size());
    }
    byte[] expected = new byte[16];
    System.arraycopy(utf8("hello"), 0, expected, 0, 5);
    System.arraycopy(utf8("world"), 0, expected, 10, 5);
    expected[15] = '!';
    assertArrayEquals(expected, Files.readAllBytes(part()));
    assertFalse(Files.exists(target()), "nothing under the final name before the commit");
  }

  @Test
  void writesOnlyTheGivenLengthOfTheBuffer() throws IOException {
    try (PartFile f = PartFile.open(target(), true, "http://h/a.txt")) {
      f.write(utf8("abcdefgh"), 3, 0);
    }
    assertEquals("abc", Files.readString(part()));
  }

  @Test
  void aLaterWriteOverAnEarlierOneKeepsTheLaterBytes() throws IOException {
    try (PartFile f = PartFile.open(target(), true, "http://h/a.txt")) {
      f.write(utf8("aaaa"), 4, 0);
      f.write(utf8("bb"), 2, 1);
    }
    assertEquals("abba", Files.readString(part()));
  }

  @Test
  void piecesWrittenFromManyThreadsAtOnceAllLand() throws Exception {
    byte[] data = new byte[64 * 1024];
    new Random(7).nextBytes(data);
    int pieces = 8;
    int size = data.length / pieces;
    try (PartFile f = PartFile.open(target(), true, "http://h/a.txt")) {
      Thread[] threads = new Thread[pieces];
      IOException[] failed = new IOException[pieces];
      for (int i = 0; i < pieces; i++) {
        int at = i * size;
        int n = i;
        threads[i] = new Thread(() -> {
          try {
            // a piece arrives in small reads, as from a socket
            for (int off = 0; off < size; off += 512) {
              byte[] chunk = java.util.Arrays.copyOfRange(data, at + off, at + off + 512);
              f.write(chunk, chunk.length, at + off);
            }
          } catch (IOException e) {
            failed[n] = e;
          }
        });
        threads[i].start();
      }
      for (Thread t : threads) t.join();
      for (IOException e : failed) if (e != null) throw e;
    }
    assertArrayEquals(data, Files.readAllBytes(part()));
  }

  @Test
  void openingFreshEmptiesAnOldPartAndOpeningToResumeKeepsIt() throws IOException {
    Files.writeString(part(), "earlier bytes");

    try (PartFile resumed = PartFile.open(target(), false, "http://h/a.txt")) {
      assertEquals(13, resumed.size());
    }
    assertEquals("earlier bytes", Files.readString(part()));

    try (PartFile fresh = PartFile.open(target(), true, "http://h/a.txt")) {
      assertEquals(0, fresh.size());
    }
    assertEquals(0, Files.size(part()));
  }

  @Test
  void truncateEmptiesThePartToStartOver() throws IOException {
    try (PartFile f = PartFile.open(target(), true, "http://h/a.txt")) {
      f.write(utf8("stale"), 5, 0);
      f.truncate();
      assertEquals(0, f.size());
    }
    assertEquals(0, Files.size(part()));
  }

  @ParameterizedTest(name = "{0} bytes written, length {1} -> {2} bytes")
  @CsvSource({
      "10, 4, 4",
      "10, 10, 10",
      "10, 0, 0",
      "4, 10, 4",
      "0, 10, 0",
  })
  void setLengthCutsATailPastTheLengthAndNeverGrowsTheFile(int written, long length, long size) throws IOException {
    try (PartFile f = PartFile.open(target(), true, "http://h/a.txt")) {
      if (written > 0) f.write(new byte[written], written, 0);
      f.setLength(length);
      assertEquals(size, f.size());
    }
    assertEquals(size, Files.size(part()));
  }

  @Test
  void commitRenamesThePartToTheTarget() throws IOException {
    PartFile f = PartFile.open(target(), true, "http://h/a.txt");
    f.write(utf8("whole"), 5, 0);

    f.commit(false, null);

    assertEquals("whole", Files.readString(target()));
    assertFalse(Files.exists(part()));
  }

  @Test
  void commitNeverReplacesAFileThatAppearedUnderTheFinalNameWithoutOverwrite() throws IOException {
    PartFile f = PartFile.open(target(), true, "http://h/a.txt");
    f.write(utf8("downloaded"), 10, 0);
    Files.writeString(target(), "the user's own file");

    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> f.commit(false, null));

    assertTrue(e.getMessage().contains(target().toString()), e.getMessage());
    assertEquals("the user's own file", Files.readString(target()));
    assertEquals("downloaded", Files.readString(part()), "the part stays for another try");
  }

  @Test
  void commitNeverReplacesASymbolicLinkLeftUnderTheFinalNameEvenOneThatLeadsNowhere() throws IOException {
    PartFile f = PartFile.open(target(), true, "http://h/a.txt");
    f.write(utf8("downloaded"), 10, 0);
    Path nowhere = dir.resolve("nowhere");
    Files.createSymbolicLink(target(), nowhere);

    assertThrows(FileAlreadyExistsException.class, () -> f.commit(false, null));

    assertTrue(Files.isSymbolicLink(target()), "the link is someone's: it stays");
    assertFalse(Files.exists(nowhere, LinkOption.NOFOLLOW_LINKS), "nothing was written through it");
    assertEquals("downloaded", Files.readString(part()));
  }

  @Test
  void aCommittedFileHasOneNameAndKeepsItsTimeAndOrigin() throws IOException {
    PartFile f = PartFile.open(target(), true, "http://h/a.txt");
    f.write(utf8("whole"), 5, 0);
    Instant modified = Instant.parse("2026-11-02T10:00:00Z");

    f.commit(false, modified);

    assertEquals(1, (int) Files.getAttribute(target(), "unix:nlink"), "the part's name is gone, not a second link");
    assertEquals(modified, Files.getLastModifiedTime(target()).toInstant());
    assertEquals("http://h/a.txt", FileOrigin.of(target()));
  }

  @Test
  void moveGivesAFinishedFileItsNewNameAndNeverReplacesOne() throws IOException {
    Path from = dir.resolve("docs");
    Path to = dir.resolve("docs.1");
    Files.writeString(from, "page");
    Files.writeString(to, "another file");

    assertThrows(FileAlreadyExistsException.class, () -> PartFile.move(from, to));
    assertEquals("another file", Files.readString(to));
    assertEquals("page", Files.readString(from), "left where it was");

    Files.delete(to);
    PartFile.move(from, to);
    assertEquals("page", Files.readString(to));
    assertFalse(Files.exists(from));
  }

  @Test
  void commitWithOverwriteReplacesTheExistingFile() throws IOException {
    PartFile f = PartFile.open(target(), true, "http://h/a.txt");
    f.write(utf8("new"), 3, 0);
    Files.writeString(target(), "old");

    f.commit(true, null);

    assertEquals("new", Files.readString(target()));
    assertFalse(Files.exists(part()));
  }

  @Test
  void refusesToWriteThroughASymbolicLinkAtThePartName() throws IOException {
    Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "not hoard's");
    Files.createSymbolicLink(part(), elsewhere);

    IOException e = assertThrows(IOException.class, () -> PartFile.open(target(), true, "http://h/a.txt").close());

    assertTrue(e.getMessage().contains(part().toString()), e.getMessage());
    assertEquals("not hoard's", Files.readString(elsewhere));
    assertTrue(Files.isSymbolicLink(part()));
  }

  @ParameterizedTest(name = "fresh: {0}")
  @ValueSource(booleans = {true, false})
  void refusesToCreateAFileThroughADanglingSymbolicLink(boolean fresh) throws IOException {
    Path nowhere = dir.resolve("nowhere.txt");
    Files.createSymbolicLink(part(), nowhere);

    assertThrows(IOException.class, () -> PartFile.open(target(), fresh, "http://h/a.txt").close());

    assertFalse(Files.exists(nowhere, LinkOption.NOFOLLOW_LINKS), "the link's target was created");
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({
      "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "hello world, b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
  })
  void sha256IsTheLowerCaseHexDigestOfTheFile(String content, String digest) throws IOException {
    Path file = Files.writeString(dir.resolve("f"), content);

    assertEquals(digest, PartFile.sha256(file));
  }

  @Test
  void sha256ReadsAFileLargerThanItsBuffer() throws Exception {
    byte[] data = new byte[600 * 1024 + 3];
    new Random(11).nextBytes(data);
    Path file = Files.write(dir.resolve("big"), data);

    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    assertEquals(expected, PartFile.sha256(file));
  }

  @Test
  void discardRemovesThePartAndItsState() throws IOException {
    Files.writeString(part(), "part");
    Files.writeString(PartFile.stateOf(target()), "{}");
    Files.writeString(target(), "a finished file stays");

    PartFile.discard(target());

    assertFalse(Files.exists(part()));
    assertFalse(Files.exists(PartFile.stateOf(target())));
    assertEquals("a finished file stays", Files.readString(target()));
  }

  @Test
  void discardWithNothingToRemoveIsFine() throws IOException {
    PartFile.discard(target());

    assertFalse(Files.exists(part()));
  }

  /**
   * A FIFO under the part's name would block the open, or its origin's read, until something reads it: the open fails
   * instead, and it records no origin.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoUnderThePartsNameFailsTheOpenRatherThanBlockIt() throws Exception {
    Path part = PartFile.partOf(target());
    assertEquals(0, new ProcessBuilder("mkfifo", part.toString()).start().waitFor());
    IOException e = assertThrows(IOException.class, () -> PartFile.open(target(), false, "http://h/a.txt").close());
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    assertThrows(IOException.class, () -> PartFile.open(target(), true, "http://h/a.txt").close());
    assertNull(FileOrigin.of(part));
  }
}
