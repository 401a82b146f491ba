package dev.hoard.store;

import static dev.hoard.testing.Servers.disposition;
import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FolderTest {
  private static final String OUTSIDE_CONTENT = "outside the folder: must stay as it is\n";

  /** The root of everything the test touches: the folder is {@code tmp/deep/er/dl}, so {@code ../..} stays inside. */
  @TempDir Path tmp;
  private final Routes routes = new Routes();
  private MockWebServer server;
  private Path dir;
  private Path outside;

  @BeforeEach
  void start() throws Exception {
    server = Servers.start(routes);
    dir = tmp.resolve("deep/er/dl");
    Files.createDirectories(dir);
    outside = Files.writeString(Files.createDirectories(tmp.resolve("outside")).resolve("file"), OUTSIDE_CONTENT);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void urlPathsThatTryToClimbOutLandInsideTheFolderUnderSafeNames() throws Exception {
    routes.otherwise(request -> ok("served " + request.getTarget()));
    Path list = Files.writeString(tmp.resolve("links.txt"), String.join("\n",
        url(server, "/a/..%2F..%2Fetc%2Fpasswd"),
        url(server, "/b/%2e%2e"),
        url(server, "/c/..%2F..%2F..%2F..%2Foutside%2Ffile"),
        url(server, "/.bashrc"),
        url(server, "/-rf"),
        url(server, "/d/..%5C..%5Cwin.ini")) + "\n");
    Set<Path> before = everything();

    Hoard.get(dir, "-i", list.toString()).exits(0);

    assertOnlyInsideTheFolderChanged(before);
    assertTrue(Files.isRegularFile(dir.resolve("_._.._etc_passwd")));
    assertTrue(Files.isRegularFile(dir.resolve("index.html")));
    assertTrue(Files.isRegularFile(dir.resolve("_._.._.._.._outside_file")));
    assertTrue(Files.isRegularFile(dir.resolve("_bashrc")));
    assertTrue(Files.isRegularFile(dir.resolve("_rf")));
    assertTrue(Files.isRegularFile(dir.resolve("_._.._win.ini")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "attachment; filename=\"../../evil\"",
      "attachment; filename*=UTF-8''..%2F..%2Fx",
      "attachment; filename=\"/etc/passwd\"",
      "attachment; filename=\"..\"",
      "attachment; filename=\".bashrc\"",
      "attachment; filename=\"../../outside/file\""})
  void aContentDispositionNameNeverLeadsOutOfTheFolder(String header) throws Exception {
    routes.on("/download", disposition(header, "attachment body"));
    Set<Path> before = everything();

    Hoard.get(dir, "--content-disposition", url(server, "/download")).exits(0);

    assertOnlyInsideTheFolderChanged(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.filter(Files::isRegularFile).count());
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "attachment; filename=\"report 2024.pdf\"     | report 2024.pdf",
      "attachment; filename*=UTF-8''caf%C3%A9.txt     | café.txt",
      "attachment; filename=\"a.txt\"; filename*=UTF-8''b.txt | b.txt",
      "attachment; filename=\"../../evil\"          | evil",
      "attachment; filename=\".bashrc\"             | _bashrc",
      // a right-to-left override would show x.exe as xexe.txt; zero-width spaces hide in a name
      "attachment; filename*=UTF-8''x%E2%80%AEtxt.exe%E2%80%8B | x_txt.exe_",
      "inline                                         | download"})
  void aContentDispositionNameIsTakenMadeSafe(String header, String name) throws Exception {
    routes.on("/download", disposition(header, "attachment body"));

    Hoard.get(dir, "--content-disposition", url(server, "/download")).exits(0);

    assertEquals("attachment body", Files.readString(dir.resolve(name)));
  }

  @Test
  void withoutTheFlagTheServersNameIsIgnored() throws Exception {
    routes.on("/download", disposition("attachment; filename=\"other.bin\"", "attachment body"));

    Hoard.get(dir, url(server, "/download")).exits(0);

    assertTrue(Files.isRegularFile(dir.resolve("download")));
    assertFalse(Files.exists(dir.resolve("other.bin")));
  }

  /** A name the user chose ({@code -o}, {@code out=}) is the name: the server's does not replace it. */
  @Test
  void theUsersOwnNameWinsOverTheServers() throws Exception {
    routes.on("/download", disposition("attachment; filename=\"other.bin\"", "attachment body"))
        .on("/listed", disposition("attachment; filename=\"other.bin\"", "listed body"));
    Path list = Files.writeString(dir.resolveSibling("links.txt"), url(server, "/listed") + " out=mine.txt\n");

    Hoard.get(dir, "--content-disposition", "-o", "chosen.bin", url(server, "/download")).exits(0);
    Hoard.get(dir, "--content-disposition", "-i", list.toString()).exits(0);

    assertEquals("attachment body", Files.readString(dir.resolve("chosen.bin")));
    assertEquals("listed body", Files.readString(dir.resolve("mine.txt")));
    assertFalse(Files.exists(dir.resolve("other.bin")));
  }

  @Test
  void aSymbolicLinkUnderTheFinalNameIsNotWrittenThroughTheFileLandsBeside() throws Exception {
    routes.on("/file", ok("from the server"));
    Files.createSymbolicLink(dir.resolve("file"), outside);

    Hoard.get(dir, url(server, "/file")).exits(0);

    assertEquals(OUTSIDE_CONTENT, Files.readString(outside));
    assertTrue(Files.isSymbolicLink(dir.resolve("file")));
    assertEquals("from the server", Files.readString(dir.resolve("file.1")));
  }

  @Test
  void aSymbolicLinkUnderTheFinalNameIsNotReplacedNorWrittenThroughEvenWithOverwrite() throws Exception {
    routes.on("/file", ok("from the server"));
    Files.createSymbolicLink(dir.resolve("file"), outside);

    var run = Hoard.get(dir, "--overwrite", url(server, "/file"));

    assertNotEquals(0, run.code(), run.err());
    assertEquals(OUTSIDE_CONTENT, Files.readString(outside));
    assertTrue(Files.isSymbolicLink(dir.resolve("file")));
  }

  @Test
  void aSymbolicLinkUnderThePartNameIsNotWrittenThrough() throws Exception {
    routes.on("/file", ok("from the server"));
    Files.createSymbolicLink(dir.resolve("file.part"), outside);

    Hoard.get(dir, url(server, "/file"));

    assertEquals(OUTSIDE_CONTENT, Files.readString(outside));
    for (var request : routes.requests()) {
      String range = request.getHeaders().get("Range");
      assertTrue(range == null || range.equals("bytes=0-"), "the link's target sized the request: " + range);
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(60) // a leaked connection makes this wait forever: fail instead
  void aPartFileThatCannotBeOpenedGivesItsConnectionBackSoTheNextDownloadStillRuns() throws Exception {
    routes.on("/a.bin", ok("a from the server"));
    routes.on("/b.bin", ok("b from the server"));
    Files.createDirectory(dir.resolve("a.bin.part"));

    // one connection per host: a leaked one would leave b.bin waiting forever
    Hoard.Result run = Hoard.get(dir, "-j", "1", "--max-per-host", "1", url(server, "/a.bin"), url(server, "/b.bin"));

    assertEquals(1, run.code(), run.err());
    assertEquals("b from the server", Files.readString(dir.resolve("b.bin")));
  }

  @Test
  void messagesNameFilesAsTheFolderWasGivenNotByItsAbsolutePath() throws Exception {
    // relative to the working directory, as a person types -d dl
    Path given = Path.of("target", "folder-test-" + System.nanoTime(), "dl");
    try {
      Files.createDirectories(given.resolve("a.bin.part"));
      routes.on("/a.bin", ok("a from the server"));

      Hoard.Result run = Hoard.get(given, "--progress=plain", url(server, "/a.bin")).exits(1);

      run.errContains(given.resolve("a.bin.part").toString());
      assertFalse(run.err().contains(given.toAbsolutePath().toString()), run.err());
    } finally {
      try (Stream<Path> all = Files.walk(given.getParent())) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void showInReplacesTheRealFolderOnlyWhereItIsTheWholeName() throws Exception {
    Path given = Path.of("target", "folder-test-" + System.nanoTime());
    try {
      Folder folder = Folder.open(given);
      String real = given.toRealPath().toString();
      assertEquals("cannot write " + given + "/x.part: File too large",
          folder.showIn("cannot write " + real + "/x.part: File too large"));
      assertEquals(real + "2/x and " + given, folder.showIn(real + "2/x and " + real));
      assertEquals("no path here", folder.showIn("no path here"));
    } finally {
      Files.deleteIfExists(given);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"file.part.state", "file.part.state.tmp"})
  void aSymbolicLinkUnderAResumeStateNameIsNotWrittenThrough(String sidecar) throws Exception {
    // a server that serves ranges, and pieces small enough that the state is saved before the first byte
    routes.on("/file", new RangeDispatcher().file("/file", Servers.bytes(256 * 1024), null));
    Files.createSymbolicLink(dir.resolve(sidecar), outside);

    Hoard.get(dir, "-x", "4", "-k", "16K", url(server, "/file"));

    assertEquals(OUTSIDE_CONTENT, Files.readString(outside));
  }

  @Test
  void aFolderUnderARegularFileIsALocalErrorExitingThree() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain-file"), "not a folder");
    routes.on("/a", ok("a"));

    Hoard.get(file.resolve("dl"), url(server, "/a")).exits(3).errContains(file.resolve("dl").toString());

    assertTrue(routes.requests().isEmpty());
  }

  @Test
  void aFolderThatIsARegularFileIsALocalErrorExitingThree() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain-file"), "not a folder");

    Hoard.get(file, url(server, "/a")).exits(3).errContains("in the way");

    assertEquals("not a folder", Files.readString(file));
  }

  @Test
  void resolveRefusesUnsafeSegments() throws Exception {
    Folder folder = Folder.open(dir);
    for (String bad : new String[] {"..", ".", "", "a//b", "../x", "a/../../x", "a\\b", "x\0y"}) {
      assertThrowsUnsafe(folder, bad);
    }
    Files.createSymbolicLink(dir.resolve("link"), tmp.resolve("outside"));
    assertThrowsUnsafe(folder, "link/file");
    assertEquals(dir.toRealPath().resolve("host/page.html"), folder.resolve("host/page.html"));
  }

  private static void assertThrowsUnsafe(Folder folder, String relative) {
    org.junit.jupiter.api.Assertions.assertThrows(Folder.UnsafePathException.class, () -> folder.resolve(relative),
        relative);
  }

  /** Every path under the temp root, links not followed. */
  private Set<Path> everything() throws Exception {
    try (Stream<Path> all = Files.walk(tmp)) {
      return all.collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private void assertOnlyInsideTheFolderChanged(Set<Path> before) throws Exception {
    Set<Path> created = new TreeSet<>(everything());
    created.removeAll(before);
    for (Path p : created) assertTrue(p.startsWith(dir), "created outside the folder: " + p);
    assertEquals(OUTSIDE_CONTENT, Files.readString(outside));
    for (Path p : everything()) {
      assertTrue(!Files.isSymbolicLink(p) || before.contains(p), "a link appeared: " + p);
    }
    assertArrayEquals(OUTSIDE_CONTENT.getBytes(), Files.readAllBytes(outside));
    assertTrue(Files.isRegularFile(outside, LinkOption.NOFOLLOW_LINKS));
  }
}
