package dev.hoard.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.store.SafeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Numbering remembers how far it looked: the same names as trying every number each time, in linear work. */
class NamesNumberingTest {
  @Test
  void twentyThousandUrlsOfOneNameTakeTheirNumbersWithoutTryingTheOnesBefore() {
    Names names = new Names(Names.Disk.EMPTY);
    int urls = 20_000;
    Set<String> given = new HashSet<>();
    for (int i = 0; i < urls; i++) {
      String path = names.reserve("h/download", "http://h/download?id=" + i);
      assertEquals(i == 0 ? "h/download" : "h/download." + i, path);
      given.add(path);
    }
    assertEquals(urls, given.size());
    // trying every number from the start would look at about urls * urls / 2 = 200,000,000 paths
    assertTrue(names.examined() <= 2L * urls, "looked at " + names.examined() + " paths for " + urls + " URLs");

    assertEquals("h/download.12345", names.reserve("h/download", "http://h/download?id=12345"), "the same URL again");
    assertEquals("h/download", names.reserve("h/download", "http://h/download?id=0"));
  }

  @Test
  void aRerunFindsEachUrlsNumberedFileOnDiskInLinearWork() {
    Map<String, String> disk = new HashMap<>();
    int urls = 5_000;
    for (int i = 0; i < urls; i++) disk.put(i == 0 ? "f.txt" : "f." + i + ".txt", "http://h/f.txt?v=" + i);
    Names names = new Names(disk::get);
    for (int i = 0; i < urls; i++) {
      assertEquals(i == 0 ? "f.txt" : "f." + i + ".txt", names.reserve("f.txt", "http://h/f.txt?v=" + i));
    }
    assertTrue(names.examined() <= 2L * urls, "looked at " + names.examined());
  }

  @Test
  void aPathFoundTakenOnDiskGoesToItsOwnerWhenThatUrlComesLater() {
    Names names = new Names(Names.Disk.EMPTY);
    assertEquals("a.bin", names.reserve("a.bin", "u0"));
    assertEquals("a.1.bin", names.reserve("a.bin", "u1"));
    assertEquals("a.2.bin", names.reserve("a.bin", "u2"));
    assertEquals("a.3.bin", names.reserve("a.bin", "u3"));
    // u1's download found another URL's file at a.1.bin when it started
    names.takenOnDisk("a.1.bin", "later");
    assertEquals("a.4.bin", names.reserve("a.bin", "u1"));
    assertEquals("a.1.bin", names.reserve("a.bin", "later"), "the file on disk is that URL's");
    assertEquals("a.5.bin", names.reserve("a.bin", "u5"));
    assertEquals("a.2.bin", names.reserve("a.bin", "u2"));
  }

  /**
   * Random runs of reserve, takenOnDisk, moveAside and fileInTheWay over a few names, URLs and files on disk give
   * every path the model gives: the naming authority as it was before it remembered, trying every number each time.
   */
  @Test
  void givesTheSamePathsAsTryingEveryNumberEachTime() {
    Random random = new Random(20261202);
    String[] wanted = {"h/a.bin", "h/a.1.bin", "h/b", "h/b.1", "h/docs", "h/x/y"};
    for (int round = 0; round < 300; round++) {
      Map<String, String> disk = new HashMap<>();
      for (String w : wanted) {
        for (int n = 0; n < 6; n++) {
          if (random.nextInt(4) != 0) continue;
          String path = n == 0 ? w : w.substring(0, w.lastIndexOf('/') + 1)
              + SafeName.numbered(w.substring(w.lastIndexOf('/') + 1), n);
          disk.put(path, random.nextInt(3) == 0 ? "" : "u" + random.nextInt(12));
        }
      }
      Names names = new Names(disk::get);
      Model model = new Model(disk);
      List<String[]> held = new ArrayList<>();
      for (int step = 0; step < 60; step++) {
        String w = wanted[random.nextInt(wanted.length)];
        String url = "u" + random.nextInt(12);
        String where = "round " + round + " step " + step;
        switch (random.nextInt(6)) {
          case 0 -> {
            if (held.isEmpty()) continue;
            String[] h = held.get(random.nextInt(held.size()));
            String owner = random.nextInt(3) == 0 ? "" : "u" + random.nextInt(12);
            names.takenOnDisk(h[1], owner);
            model.takenOnDisk(h[1], owner);
            assertEquals(model.reserve(h[0], h[2]), names.reserve(h[0], h[2]), where + ": after takenOnDisk");
          }
          case 1 -> {
            String file = names.fileInTheWay(w);
            assertEquals(model.fileInTheWay(w), file, where + ": fileInTheWay");
            if (file != null) assertEquals(model.moveAside(file), names.moveAside(file), where + ": moveAside");
          }
          default -> {
            String path = names.reserve(w, url);
            assertEquals(model.reserve(w, url), path, where + ": reserve " + w + " " + url);
            held.add(new String[] {w, path, url});
          }
        }
      }
    }
  }

  /** The naming authority that tries every number from the start each time, with strings for hashes. */
  private static final class Model {
    private static final String FOLDER = "\0folder";
    private static final String UNKNOWN = "\0unknown";
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, String> disk;

    Model(Map<String, String> disk) {
      this.disk = disk;
    }

    String fileInTheWay(String wanted) {
      for (int slash = wanted.indexOf('/'); slash >= 0; slash = wanted.indexOf('/', slash + 1)) {
        String owner = owners.get(wanted.substring(0, slash));
        if (owner != null && !owner.equals(FOLDER) && !owner.equals(UNKNOWN)) return wanted.substring(0, slash);
      }
      for (int slash = wanted.indexOf('/'); slash >= 0; slash = wanted.indexOf('/', slash + 1)) {
        owners.put(wanted.substring(0, slash), FOLDER);
      }
      return null;
    }

    String moveAside(String path) {
      String owner = owners.put(path, FOLDER);
      return reserve(path, owner == null ? UNKNOWN : owner);
    }

    void takenOnDisk(String path, String ownerUrl) {
      owners.put(path, ownerUrl.isEmpty() ? UNKNOWN : ownerUrl);
    }

    String reserve(String wanted, String owner) {
      int slash = wanted.lastIndexOf('/');
      for (int n = 0; ; n++) {
        String candidate = n == 0 ? wanted
            : wanted.substring(0, slash + 1) + SafeName.numbered(wanted.substring(slash + 1), n);
        String current = owners.get(candidate);
        if (current == null) {
          String onDisk = disk.get(candidate);
          current = onDisk == null ? owner : onDisk.isEmpty() ? UNKNOWN : onDisk;
          owners.put(candidate, current);
        }
        if (current.equals(owner)) return candidate;
      }
    }
  }
}
