package dev.hoard.cli;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.ServedFolderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CombinationsTest extends ServedFolderTest {
  @Test
  void outputNamesTheFileOfTheOneUrlGiven() throws Exception {
    routes.on("/download", ok("seven"));

    Hoard.get(dir, "-o", "release.tar.gz", url(server, "/download?id=7")).exits(0);

    assertEquals("seven", Files.readString(dir.resolve("release.tar.gz")));
    assertEquals(List.of("release.tar.gz"), List.of(dir.toFile().list()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      two URLs         | -o x.bin URL URL               | exactly one URL argument, and 2 were given
      no URL           | -o x.bin                       | exactly one URL argument, and 0 were given
      a links file     | -o x.bin -i LIST               | in a links file, use out=NAME
      a crawl          | -o x.bin -r URL                | a crawl (-r) names its files after their URLs
      a folder in it   | -o sub/x.bin URL               | 'sub/x.bin': a bare file name is needed
      a way up         | -o .. URL                      | '..': a bare file name is needed
      standard output  | -o - URL                       | '-': hoard writes files into the download folder
      """)
  void outputIsAUsageErrorWhereItNamesNoSingleUrlArgument(String what, String args, String message)
      throws Exception {
    Path list = Files.writeString(tmp.resolve("list.txt"), url(server, "/a") + "\n");
    List<String> words = new ArrayList<>();
    for (String w : args.split(" ")) words.add(w.equals("URL") ? url(server, "/a") : w.equals("LIST") ? list.toString() : w);

    Hoard.get(dir, words.toArray(String[]::new)).exits(2).errContains(message);

    assertTrue(routes.requests().isEmpty(), "a usage error still fetched " + routes.requests());
    assertFalse(Files.exists(dir), "a usage error created the folder");
  }

  @Test
  void liveBarsAskedForStillLeaveALinePerFileOnAStandardOutputThatIsNoTerminal() {
    routes.on("/a.txt", ok("a")).on("/b.txt", ok("b"));

    var run = Hoard.get(dir, "--progress=bar", url(server, "/a.txt"), url(server, "/b.txt")).exits(0);

    List<String> lines = run.outLines();
    assertEquals(3, lines.size(), run.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("ok") && l.endsWith("a.txt")), run.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("ok") && l.endsWith("b.txt")), run.out());
    assertTrue(lines.get(2).startsWith("2 ok"), run.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-r", "--progress=plain"})
  void anUnreadableSelectorIsAUsageErrorWithOrWithoutACrawl(String other) {
    Hoard.get(dir, "--select", "a[[[", other, url(server, "/")).exits(2)
        .errContains("Invalid value for option '--select'", "'a[[['");

    assertTrue(routes.requests().isEmpty());
  }

  @Test
  void crawlOptionsWithoutRecursionAreWarnedOfAndTheListedUrlsStillDownload() throws Exception {
    routes.on("/a.txt", ok("alpha"));

    var run = Hoard.get(dir, "-A", "pdf", "--select", "a[href]", "--no-parent", url(server, "/a.txt")).exits(0);

    assertEquals(List.of("hoard: warning: -A/--accept, --select, --no-parent have no effect without -r (--recursive)"),
        run.err().lines().toList());
    assertEquals("alpha", Files.readString(dir.resolve("a.txt")));
  }

  @Test
  void crawlOptionsWithRecursionGetNoWarning() {
    routes.on("/", ok("<html><body>no links</body></html>"));

    var run = Hoard.get(dir, "-r", "-A", "pdf", "-l", "1", url(server, "/")).exits(0);

    assertFalse(run.err().contains("warning"), run.err());
  }
}
