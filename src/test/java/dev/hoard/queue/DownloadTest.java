package dev.hoard.queue;

import dev.hoard.store.FileOrigin;
import dev.hoard.testing.ServedFolderTest;

import static dev.hoard.testing.Servers.chunked;
import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DownloadTest extends ServedFolderTest {
  @Test
  void aMatchingSha256Succeeds() throws Exception {
    routes.on("/data.bin", ok("the data"));
    Path list = links(url(server, "/data.bin") + " sha256=" + sha256("the data").toUpperCase());

    Hoard.get(dir, "-i", list.toString()).exits(0);

    assertEquals("the data", Files.readString(dir.resolve("data.bin")));
  }

  @Test
  void aWrongSha256FailsAndLeavesNoFileNorPart() throws Exception {
    routes.on("/data.bin", ok("tampered")).on("/other.bin", ok("other"));
    Path list = links(url(server, "/data.bin") + " sha256=" + sha256("the data"), url(server, "/other.bin"));

    Hoard.get(dir, "-i", list.toString()).exits(1).errContains(url(server, "/data.bin"), "sha256 mismatch");

    assertEquals(List.of("other.bin"), filesIn(dir));
  }

  @Test
  void aFileLargerThanMaxFilesizeByContentLengthIsRefused() throws Exception {
    routes.on("/big.bin", ok("x".repeat(2048))).on("/small.bin", ok("y".repeat(1024)));

    Hoard.get(dir, "--max-filesize=1K", url(server, "/big.bin"), url(server, "/small.bin")).exits(1)
        .errContains(url(server, "/big.bin"), "--max-filesize");

    assertEquals(List.of("small.bin"), filesIn(dir));
  }

  @Test
  void aChunkedBodyGrowingPastMaxFilesizeIsRefusedWhileStreaming() throws Exception {
    routes.on("/stream.bin", chunked("z".repeat(64 * 1024)));

    Hoard.get(dir, "--max-filesize=10K", url(server, "/stream.bin")).exits(1)
        .errContains(url(server, "/stream.bin"), "--max-filesize");

    assertEquals(List.of(), filesIn(dir));
  }

  @Test
  void aChunkedBodyWithinMaxFilesizeLands() throws Exception {
    routes.on("/stream.bin", chunked("z".repeat(5000)));

    Hoard.get(dir, "--max-filesize=10K", url(server, "/stream.bin")).exits(0);

    assertEquals("z".repeat(5000), Files.readString(dir.resolve("stream.bin")));
  }

  @Test
  void anEmptyFileLands() throws Exception {
    routes.on("/empty.txt", ok(""));

    Hoard.get(dir, url(server, "/empty.txt")).exits(0);

    assertEquals(0, Files.size(dir.resolve("empty.txt")));
    assertEquals(List.of("empty.txt"), filesIn(dir));
  }

  @Test
  void aRerunSkipsFinishedFilesWithoutFetchingThem() throws Exception {
    routes.on("/a.txt", ok("alpha")).on("/b.txt", ok("bravo"));
    String a = url(server, "/a.txt");
    String b = url(server, "/b.txt");
    Hoard.get(dir, a, b).exits(0);
    int before = routes.requests().size();

    var rerun = Hoard.get(dir, "--json", a, b).exits(0);

    assertEquals("skipped", rerun.record("/a.txt").get("status"));
    assertEquals("skipped", rerun.record("/b.txt").get("status"));
    assertEquals(5, ((Number) rerun.record("/a.txt").get("bytes")).intValue());
    assertEquals(2, ((Number) rerun.summary().get("skipped")).intValue());
    assertEquals(before, routes.requests().size(), "the rerun asked the server: " + routes.requests());
  }

  @Test
  void overwriteDownloadsAFinishedFileAgain() throws Exception {
    routes.on("/a.txt", ok("first version"), ok("second version"));
    Hoard.get(dir, url(server, "/a.txt")).exits(0);

    var rerun = Hoard.get(dir, "--json", "--overwrite", url(server, "/a.txt")).exits(0);

    assertEquals("ok", rerun.record("/a.txt").get("status"));
    assertEquals("second version", Files.readString(dir.resolve("a.txt")));
    assertEquals(List.of("a.txt"), filesIn(dir));
  }

  /**
   * {@code --overwrite} downloads this URL's file again where it is: another URL's file, which took the name first, is
   * not replaced by it, and a rerun of part of the list keeps each file under the name it got.
   */
  @Test
  void overwriteReplacesTheUrlsOwnFileNeverAnotherUrlsOfTheSameName() throws Exception {
    routes.on("/a/data.txt", ok("a's data")).on("/b/data.txt", ok("b's first"), ok("b's second"));
    Hoard.get(dir, url(server, "/a/data.txt"), url(server, "/b/data.txt")).exits(0);

    var rerun = Hoard.get(dir, "--json", "--overwrite", url(server, "/b/data.txt")).exits(0);

    assertEquals("a's data", Files.readString(dir.resolve("data.txt")));
    assertEquals("b's second", Files.readString(dir.resolve("data.1.txt")));
    assertEquals(dir.resolve("data.1.txt").toString(), rerun.record("/b/data.txt").get("path"));
    assertEquals(List.of("data.1.txt", "data.txt"), filesIn(dir));
  }

  @Test
  void aFileOfUnknownOriginIsNeverTakenAsDoneNorReplaced() throws Exception {
    routes.on("/notes.txt", ok("from the server"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "my own notes");

    var run = Hoard.get(dir, "--json", url(server, "/notes.txt")).exits(0);

    assertEquals("my own notes", Files.readString(dir.resolve("notes.txt")));
    assertEquals("from the server", Files.readString(dir.resolve("notes.1.txt")));
    assertEquals("ok", run.record("/notes.txt").get("status"));
    assertEquals(dir.resolve("notes.1.txt").toString(), run.record("/notes.txt").get("path"));
  }

  @Test
  void aFileOfAnotherUrlIsNeverTakenAsDoneAndARerunSkipsEachUrlsOwnFile() throws Exception {
    routes.on("/site/index.html", ok("site")).on("/site/library/index.html", ok("library"));

    Hoard.get(dir, "--json", url(server, "/site/index.html")).exits(0);
    var second = Hoard.get(dir, "--json", url(server, "/site/library/index.html")).exits(0);
    var rerun = Hoard.get(dir, "--json", url(server, "/site/library/index.html"), url(server, "/site/index.html"))
        .exits(0);

    assertEquals("site", Files.readString(dir.resolve("index.html")));
    assertEquals("library", Files.readString(dir.resolve("index.1.html")));
    assertEquals("ok", second.record("/library/index.html").get("status"));
    assertEquals("skipped", rerun.record("/library/index.html").get("status"));
    assertEquals(dir.resolve("index.1.html").toString(), rerun.record("/library/index.html").get("path"));
    assertEquals("skipped", rerun.record("/site/index.html").get("status"));
    assertEquals(1, routes.requests("/site/library/index.html").size(), "the rerun asked again for a file it had");
  }

  /**
   * A symbolic link whose target is gone is still something at the name that this URL did not write: the download
   * lands beside it, as beside any file of unknown origin, instead of failing at its rename.
   */
  @Test
  void aDanglingSymbolicLinkUnderTheNameIsKeptAndTheFailureSaysWhatToDo() throws Exception {
    routes.on("/notes.txt", ok("from the server"));
    Files.createDirectories(dir);
    Path gone = tmp.resolve("gone.txt");
    Files.createSymbolicLink(dir.resolve("notes.txt"), gone);

    Hoard.get(dir, url(server, "/notes.txt")).exits(1).errContains(
        "a symbolic link is there; hoard neither replaces nor writes through one", "notes.txt.part is kept");

    assertTrue(Files.isSymbolicLink(dir.resolve("notes.txt")));
    assertEquals(gone, Files.readSymbolicLink(dir.resolve("notes.txt")));
    assertTrue(!Files.exists(gone), "wrote through the link");
    // once the link is gone, the same command lands the kept bytes
    Files.delete(dir.resolve("notes.txt"));
    Hoard.get(dir, url(server, "/notes.txt")).exits(0);
    assertEquals("from the server", Files.readString(dir.resolve("notes.txt")));
  }

  @Test
  void aPartOfNoRecordedUrlAndNoStateIsLeftAloneAndTheDownloadLandsBesideIt() throws Exception {
    routes.on("/movie.mkv", ok("from the server"));
    Files.createDirectories(dir);
    // a browser's unfinished download of the same name: not hoard's, so neither resumed nor replaced
    Files.writeString(dir.resolve("movie.mkv.part"), "a browser's bytes");

    var run = Hoard.get(dir, "--json", url(server, "/movie.mkv")).exits(0);

    assertEquals("a browser's bytes", Files.readString(dir.resolve("movie.mkv.part")));
    assertEquals("from the server", Files.readString(dir.resolve("movie.1.mkv")));
    assertEquals(dir.resolve("movie.1.mkv").toString(), run.record("/movie.mkv").get("path"));
    assertTrue(!Files.exists(dir.resolve("movie.mkv")));
  }

  @Test
  void anExistingFileThatDoesNotMatchItsSha256FailsWithoutBeingReplaced() throws Exception {
    routes.on("/data.bin", ok("the data"));
    Files.createDirectories(dir);
    // this URL's file from an earlier run, changed since on disk
    FileOrigin.record(Files.writeString(dir.resolve("data.bin"), "something else"), url(server, "/data.bin"));
    Path list = links(url(server, "/data.bin") + " sha256=" + sha256("the data"));

    Hoard.get(dir, "-i", list.toString()).exits(1).errContains("does not match sha256", "--overwrite");

    assertEquals("something else", Files.readString(dir.resolve("data.bin")));
  }

  private Path links(String... lines) throws Exception {
    return Files.writeString(tmp.resolve("links.txt"), String.join("\n", lines) + "\n");
  }

  static List<String> filesIn(Path dir) throws Exception {
    if (!Files.exists(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A FIFO is nothing hoard wrote, whether under the part's name or the file's: reading its origin, or opening it to
   * write, would block for ever. The part's fails that download; the file's is kept and the download lands beside it.
   */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoUnderThePartsOrTheFilesNameIsNeverWaitedOn() throws Exception {
    routes.on("/a.bin", ok("the data")).on("/b.bin", ok("more data"));
    Files.createDirectories(dir);
    mkfifo(dir.resolve("a.bin.part"));
    mkfifo(dir.resolve("b.bin"));

    Hoard.get(dir, url(server, "/a.bin"), url(server, "/b.bin")).exits(1)
        .errContains(url(server, "/a.bin"), "not a regular file");

    assertEquals("more data", Files.readString(dir.resolve("b.1.bin")));
  }

  private static void mkfifo(Path path) throws Exception {
    assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).start().waitFor());
  }
}
