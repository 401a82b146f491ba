package dev.hoard.queue;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesTest {
  @TempDir Path tmp;

  @Test
  void theFirstUrlKeepsTheNameAndTheNextOnesAreNumbered() {
    Names names = new Names(Names.Disk.EMPTY);
    assertEquals("report.pdf", names.reserve("report.pdf", "http://a/report.pdf"));
    assertEquals("report.1.pdf", names.reserve("report.pdf", "http://b/report.pdf"));
    assertEquals("report.2.pdf", names.reserve("report.pdf", "http://c/report.pdf"));
  }

  @Test
  void theSameUrlGetsTheSameNameAgain() {
    Names names = new Names(Names.Disk.EMPTY);
    assertEquals("x.bin", names.reserve("x.bin", "http://a/x.bin"));
    assertEquals("x.1.bin", names.reserve("x.bin", "http://b/x.bin"));
    assertEquals("x.bin", names.reserve("x.bin", "http://a/x.bin"));
    assertEquals("x.1.bin", names.reserve("x.bin", "http://b/x.bin"));
  }

  @Test
  void aNumberGoesBeforeTheLastExtensionOrAtTheEnd() {
    Names names = new Names(Names.Disk.EMPTY);
    names.reserve("a.tar.gz", "u1");
    assertEquals("a.tar.1.gz", names.reserve("a.tar.gz", "u2"));
    names.reserve("README", "u3");
    assertEquals("README.1", names.reserve("README", "u4"));
  }

  @Test
  void aNameThatLooksNumberedDoesNotTakeANumberedOnesPlace() {
    Names names = new Names(Names.Disk.EMPTY);
    assertEquals("x.bin", names.reserve("x.bin", "u1"));
    assertEquals("x.1.bin", names.reserve("x.bin", "u2"));
    String third = names.reserve("x.1.bin", "u3");
    assertEquals("x.1.1.bin", third);
  }

  @Test
  void onlyTheLastSegmentIsNumberedNeverAFolderOrTheHost() {
    Names names = new Names(Names.Disk.EMPTY);
    assertEquals("127.0.0.1:8080/col/a_b", names.reserve("127.0.0.1:8080/col/a_b", "u1"));
    assertEquals("127.0.0.1:8080/col/a_b.1", names.reserve("127.0.0.1:8080/col/a_b", "u2"));
    assertEquals("127.0.0.1:8080/col/a_b.2", names.reserve("127.0.0.1:8080/col/a_b", "u3"));
    assertEquals("h.example/x.tar", names.reserve("h.example/x.tar", "u4"));
    assertEquals("h.example/x.1.tar", names.reserve("h.example/x.tar", "u5"));
  }

  @Test
  void aPathTakenOnDiskStaysItsOwnersAndFilesOfNoRecordedUrlAreNobodys() {
    Map<String, String> disk = Map.of("x.bin", "http://other/x.bin", "y.bin", "");
    Names names = new Names(disk::get);
    assertEquals("x.1.bin", names.reserve("x.bin", "http://me/x.bin"));
    assertEquals("x.bin", names.reserve("x.bin", "http://other/x.bin"));
    assertEquals("y.1.bin", names.reserve("y.bin", "http://me/y.bin"));
    assertEquals("y.2.bin", names.reserve("y.bin", "http://you/y.bin"));
  }

  @Test
  void aFolderNeededFirstKeepsItsNameAndTheFileIsNumbered() {
    Names names = new Names(Names.Disk.EMPTY);
    assertNull(names.fileInTheWay("h/docs/intro"));
    assertEquals("h/docs/intro", names.reserve("h/docs/intro", "http://h/docs/intro"));
    assertEquals("h/docs.1", names.reserve("h/docs", "http://h/docs"));
  }

  @Test
  void aFileThatAFolderNeedsLaterMovesAsideToItsNextName() {
    Names names = new Names(Names.Disk.EMPTY);
    assertEquals("h/docs", names.reserve("h/docs", "http://h/docs"));
    assertEquals("h/docs", names.fileInTheWay("h/docs/intro"));
    assertEquals("h/docs.1", names.moveAside("h/docs"));
    assertNull(names.fileInTheWay("h/docs/intro"));
    assertEquals("h/docs.1", names.reserve("h/docs", "http://h/docs"), "the moved file keeps its new name");
  }

  @Test
  void twoUrlsWithOneNameBothLandAndTheReportSaysWhere() throws Exception {
    Routes routes = new Routes().on("/one/data.csv", ok("first")).on("/two/data.csv", ok("second"))
        .on("/three/data.csv", ok("third"));
    try (MockWebServer server = Servers.start(routes)) {
      Path dir = tmp.resolve("dl");
      String one = url(server, "/one/data.csv");
      String two = url(server, "/two/data.csv");
      String three = url(server, "/three/data.csv");
      Path list = Files.writeString(tmp.resolve("links.txt"), one + "\n" + two + "\n" + three + "\n");

      var run = Hoard.get(dir, "--json", "-j", "3", "-i", list.toString()).exits(0);

      assertEquals("first", Files.readString(dir.resolve("data.csv")));
      assertEquals("second", Files.readString(dir.resolve("data.1.csv")));
      assertEquals("third", Files.readString(dir.resolve("data.2.csv")));
      assertEquals(dir.resolve("data.csv"), pathOf(run.record("/one/data.csv")));
      assertEquals(dir.resolve("data.1.csv"), pathOf(run.record("/two/data.csv")));
      assertEquals(dir.resolve("data.2.csv"), pathOf(run.record("/three/data.csv")));

      // a rerun hands out the same names, so each URL finds its own file
      var rerun = Hoard.get(dir, "--json", "-i", list.toString()).exits(0);
      assertEquals(dir.resolve("data.1.csv"), pathOf(rerun.record("/two/data.csv")));
      assertEquals(List.of("skipped", "skipped", "skipped"),
          rerun.records().stream().map(r -> r.get("status")).toList());
    }
  }

  @Test
  void outNamesCollideLikeAnyOther() throws Exception {
    Routes routes = new Routes().on("/a", ok("a")).on("/b", ok("b"));
    try (MockWebServer server = Servers.start(routes)) {
      Path dir = tmp.resolve("dl");
      Path list = Files.writeString(tmp.resolve("links.txt"),
          url(server, "/a") + " out=same.txt\n" + url(server, "/b") + " out=same.txt\n");

      Hoard.get(dir, "-i", list.toString()).exits(0);

      assertEquals("a", Files.readString(dir.resolve("same.txt")));
      assertEquals("b", Files.readString(dir.resolve("same.1.txt")));
    }
  }

  /** The record's path, resolved against the working directory, as docs/output.md describes --json paths. */
  static Path pathOf(Map<String, Object> record) {
    return Path.of((String) record.get("path")).toAbsolutePath().normalize();
  }
}
