package dev.hoard.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.chunk.ByteRange;
import dev.hoard.chunk.PieceTable;
import dev.hoard.store.LocalFailure;
import dev.hoard.store.ResumeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateSaverTest {
  private static final String URL = "http://example.com/f.bin";

  @TempDir Path dir;

  private ResumeState base() {
    return new ResumeState(URL, 1000, "\"e\"", null, List.of());
  }

  private List<ByteRange> savedRanges(Path file, long partSize) {
    return ResumeState.load(file, URL, partSize).state().done();
  }

  @Test
  void claimsOnlyBytesWhoseWriteWasRecorded() throws IOException {
    Path file = dir.resolve("f.bin.part.state");
    PieceTable table = new PieceTable(1000, 2, 100);
    StateSaver saver = new StateSaver(base(), file, table);
    PieceTable.Piece first = table.checkout();
    PieceTable.Piece second = table.checkout();
    saver.saveNow();
    assertEquals(List.of(), savedRanges(file, 0), "nothing written yet");

    table.advance(first, 40);
    table.advance(second, 10);
    saver.saveNow();
    assertEquals(List.of(new ByteRange(0, 40), new ByteRange(500, 510)), savedRanges(file, 1000));
  }

  @Test
  void savesOnlyWhenSomethingChanged() throws IOException {
    Path file = dir.resolve("f.bin.part.state");
    PieceTable table = new PieceTable(1000, 1, 100);
    StateSaver saver = new StateSaver(base(), file, table);
    saver.saveNow();
    assertTrue(Files.exists(file));
    Files.delete(file);
    saver.saveNow();
    assertFalse(Files.exists(file), "saved again though nothing changed");

    table.advance(table.checkout(), 1);
    saver.saveNow();
    assertTrue(Files.exists(file), "a change must be saved");
  }

  @Test
  void aClosedSaverNeverWritesAgain() throws IOException {
    Path file = dir.resolve("f.bin.part.state");
    PieceTable table = new PieceTable(1000, 1, 100);
    StateSaver saver = new StateSaver(base(), file, table);
    table.advance(table.checkout(), 1000);
    saver.close();
    // a timer tick that was already running when the download completed comes too late
    saver.saveQuietly();
    saver.saveNow();
    assertFalse(Files.exists(file), "a state was written after the saver was closed");
  }

  @Test
  void aStateThatCannotBeWrittenIsALocalFailure() {
    Path file = dir.resolve("gone").resolve("f.bin.part.state");
    StateSaver saver = new StateSaver(base(), file, new PieceTable(1000, 1, 100));
    LocalFailure e = assertThrows(LocalFailure.class, saver::saveNow);
    assertTrue(e.getMessage().contains("cannot write the resume state"), e.getMessage());
  }

  @Test
  void aFailedTimerSaveIsSwallowedAndTriedAgainAtTheNextTick() throws IOException {
    Path folder = dir.resolve("not-yet");
    Path file = folder.resolve("f.bin.part.state");
    PieceTable table = new PieceTable(1000, 1, 100);
    table.advance(table.checkout(), 10);
    StateSaver saver = new StateSaver(base(), file, table);

    saver.saveQuietly();
    Files.createDirectory(folder);
    saver.saveQuietly();

    assertEquals(List.of(new ByteRange(0, 10)), savedRanges(file, 1000), "the failed save was counted as done");
  }
}
