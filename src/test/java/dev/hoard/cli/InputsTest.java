package dev.hoard.cli;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  @TempDir Path tmp;
  private final Routes routes = new Routes().on("/a.txt", ok("alpha")).on("/b.txt", ok("bravo"))
      .on("/c.txt", ok("charlie"));
  private MockWebServer server;
  private Path dir;

  @BeforeEach
  void start() throws Exception {
    server = Servers.start(routes);
    dir = tmp.resolve("dl");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aBadLineIsReportedWithItsNumberAndTheOtherLinesStillRun() throws Exception {
    Path list = Files.writeString(tmp.resolve("links.txt"), String.join("\n",
        "# my downloads",
        url(server, "/a.txt"),
        "",
        url(server, "/b.txt") + " colour=blue",
        "gopher://not-http",
        url(server, "/c.txt")) + "\n");

    Hoard.get(dir, "-i", list.toString()).exits(1)
        .errContains("links.txt:4: unknown key 'colour'", "links.txt:5: not an http or https URL: 'gopher://not-http'");

    assertEquals("alpha", Files.readString(dir.resolve("a.txt")));
    assertEquals("charlie", Files.readString(dir.resolve("c.txt")));
    assertFalse(Files.exists(dir.resolve("b.txt")));
    assertTrue(routes.requests("/b.txt").isEmpty());
  }

  @Test
  void aDashReadsTheListFromStandardInput() throws Exception {
    String list = "# from a pipe\n\n" + url(server, "/a.txt") + "\n  \n" + url(server, "/b.txt") + " out=named.txt\n";

    Hoard.get(Hoard.stdin(list), dir, "-i", "-").exits(0);

    assertEquals("alpha", Files.readString(dir.resolve("a.txt")));
    assertEquals("bravo", Files.readString(dir.resolve("named.txt")));
    assertFalse(Files.exists(dir.resolve("b.txt")));
  }

  @Test
  void aBadLineOfStandardInputIsNamedAsStdin() {
    Hoard.get(Hoard.stdin(url(server, "/a.txt") + "\nhttp://\n"), dir, "-i", "-").exits(1).errContains("stdin:2: ");
  }

  @Test
  void urlArgumentsComeBeforeTheListAndDuplicatesRunOnce() throws Exception {
    Path list = Files.writeString(tmp.resolve("links.txt"), url(server, "/a.txt") + "\n" + url(server, "/b.txt") + "\n");

    var run = Hoard.get(dir, "--json", "-j", "1", "-i", list.toString(), url(server, "/c.txt"), url(server, "/a.txt"))
        .exits(0);

    assertEquals(3, run.records().size(), run.out());
    assertEquals(url(server, "/c.txt"), run.records().get(0).get("url"));
    assertEquals(1, routes.requests("/a.txt").size());
  }

  @Test
  void aBadUrlArgumentIsAUsageErrorThatHidesItsPassword() {
    var run = Hoard.get(dir, "ftp://user:s3cret@127.0.0.1/file").exits(2).errContains("user:***@127.0.0.1");

    assertFalse(run.err().contains("s3cret"), run.err());
  }

  @Test
  void outNamesTheFileAndIsMadeSafe() throws Exception {
    Path list = Files.writeString(tmp.resolve("links.txt"),
        url(server, "/a.txt") + " out=first.dat\n" + url(server, "/b.txt") + " out=.hidden\n");

    Hoard.get(dir, "-i", list.toString()).exits(0);

    assertEquals("alpha", Files.readString(dir.resolve("first.dat")));
    assertEquals("bravo", Files.readString(dir.resolve("_hidden")));
  }

  @Test
  void aListOfOnlyCommentsDownloadsNothingAndSucceeds() throws Exception {
    Path list = Files.writeString(tmp.resolve("links.txt"), "# nothing yet\n\n   \n");

    Hoard.get(dir, "-i", list.toString()).exits(0);

    assertTrue(routes.requests().isEmpty());
  }

  @Test
  void theLinksFileOptionCompletesFileNamesInEveryCommand() {
    String script = picocli.AutoComplete.bash("hoard", ManPage.commandTree());
    for (String command : new String[] {"get", "check", "tune"}) {
      int function = script.indexOf("function _picocli_hoard_" + command + "()");
      int option = script.indexOf("'-i'|'--input-file')", function);
      int next = script.indexOf(";;", option);
      assertTrue(function >= 0 && option > function, command + " has no -i case in the completion script");
      assertTrue(script.substring(option, next).contains("compgen -f"), command + ": -i does not complete files");
    }
  }
}
