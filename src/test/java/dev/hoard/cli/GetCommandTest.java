package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;

import dev.hoard.runtime.Version;
import dev.hoard.testing.Hoard;
import dev.hoard.testing.RawServer;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GetCommandTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      --limit-rate=12Q      | --limit-rate    | 12Q
      --timeout=5x          | --timeout       | 5x
      --timeout=0s          | --timeout       | 0s
      --timeout=0.0001s     | --timeout       | 0.0001s
      -j 0                  | --jobs          | 0
      --jobs=-3             | --jobs          | -3
      --jobs=many           | --jobs          | many
      --shard=3/2           | --shard         | 3/2
      --shard=1             | --shard         | 1
      -x 0                  | --connections   | 0
      --connections=65      | --connections   | 65
      -k 1.5M               | --min-chunk     | 1.5M
      --min-chunk=0         | --min-chunk     | 0
      --max-filesize=big    | --max-filesize  | big
      --max-per-host=0      | --max-per-host  | 0
      --retries=-1          | --retries       | -1
      --progress=loud       | --progress      | loud
      -H NoColonHere        | --header        | NoColonHere
      """)
  void aBadFlagValueIsAUsageErrorNamingTheOptionAndTheValue(String flag, String option, String value) {
    Path dir = tmp.resolve("dl");
    String[] words = flag.split(" ");
    String[] args = new String[words.length + 4];
    args[0] = "get";
    args[1] = "-d";
    args[2] = dir.toString();
    System.arraycopy(words, 0, args, 3, words.length);
    args[args.length - 1] = "http://127.0.0.1:9/never";

    Hoard.run(args).exits(2).errContains(option, value);

    assertFalse(Files.exists(dir), "a usage error created the folder");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"missing.txt, no such file", "folder, is a folder"})
  void anUnreadableInputFileIsAUsageError(String name, String why) throws Exception {
    Files.createDirectories(tmp.resolve("folder"));
    Path input = tmp.resolve(name);

    Hoard.run("get", "-d", tmp.resolve("dl").toString(), "-i", input.toString()).exits(2)
        .errContains(input.toString(), why);
  }

  @ParameterizedTest
  @CsvSource({"--no-such-flag", "ftp://example.com/file"})
  void anUnknownOptionOrABadUrlArgumentIsAUsageError(String arg) {
    var run = Hoard.run("get", "-d", tmp.resolve("dl").toString(), arg);
    assertEquals(2, run.code(), run.err());
  }

  @Test
  void aBareNumberIsSecondsForEveryCommandThatTakesADuration() {
    CommandLine tree = ManPage.commandTree();
    for (String command : List.of("get", "check", "tune")) {
      var parsed = tree.parseArgs(command, "--timeout", "30", "http://127.0.0.1:9/");
      var sub = parsed.subcommand();
      assertEquals(Duration.ofSeconds(30), sub.matchedOptionValue("--timeout", Duration.ZERO), command);
    }
  }

  @Test
  void aUrlWithoutASchemeIsReadAsHttpOnTheCommandLineAndInALinksFileAlike() throws Exception {
    Routes routes = new Routes().on("/arg.txt", ok("from the argument")).on("/line.txt", ok("from the file"));
    try (MockWebServer server = Servers.start(routes)) {
      String host = "127.0.0.1:" + server.getPort();
      Path list = Files.writeString(tmp.resolve("links.txt"), host + "/line.txt\n");
      Path dir = tmp.resolve("dl");

      Hoard.get(dir, host + "/arg.txt", "-i", list.toString()).exits(0);

      assertEquals("from the argument", Files.readString(dir.resolve("arg.txt")));
      assertEquals("from the file", Files.readString(dir.resolve("line.txt")));
    }
  }

  /** A reason phrase that clears the screen and retitles the terminal, as an outside tester's server sent it. */
  private static final String HOSTILE_REASON = "Nope\u001b[2J\u001b]0;pwned\u0007";
  /** {@link #HOSTILE_REASON} as hoard shows it. */
  private static final String SHOWN_REASON = "Nope\\x1b[2J\\x1b]0;pwned\\x07";

  @Test
  void aReasonPhraseWithControlCharactersIsWrittenOutOnStandardErrorAndInJson() throws IOException {
    try (RawServer server = RawServer.answering("HTTP/1.1 404 " + HOSTILE_REASON)) {
      Hoard.get(tmp.resolve("dl"), "--retries=0", "-v", server.url("/x")).exits(1).printable()
          .errContains(server.url("/x") + ": 404 " + SHOWN_REASON, "-> 404 " + SHOWN_REASON);

      Hoard.Result json = Hoard.get(tmp.resolve("dl"), "--retries=0", "--json", server.url("/x")).exits(1).printable();
      assertEquals("404 " + SHOWN_REASON, json.record("/x").get("error"));
    }
  }

  @Test
  void aRetryOfAnAnswerWithControlCharactersIsAnnouncedWrittenOut() throws IOException {
    try (RawServer server = RawServer.answering("HTTP/1.1 503 Busy\u001b[2J\u009b31m")) {
      Hoard.get(tmp.resolve("dl"), "--retries=1", server.url("/x")).exits(1).printable()
          .errContains(server.url("/x") + ": 503 Busy\\x1b[2J\\x9b31m; attempt 2 of 2");
    }
  }

  @Test
  void aRedirectLocationWithControlCharactersIsWrittenOutInTheError() throws IOException {
    try (RawServer server = RawServer.answering("HTTP/1.1 302 Found", "Location: \u001b[2J\u0007 x:y")) {
      Hoard.get(tmp.resolve("dl"), "--retries=0", server.url("/x")).exits(1).printable()
          .errContains("bad redirect Location: \\x1b[2J\\x07 x:y");
    }
  }

  @Test
  void theDefaultUserAgentCarriesTheRealVersion() throws Exception {
    Routes routes = new Routes().on("/ua.txt", ok("ua"));
    try (MockWebServer server = Servers.start(routes)) {
      Hoard.get(tmp.resolve("dl"), url(server, "/ua.txt")).exits(0);

      assertEquals("hoard/" + Version.current(), routes.requests("/ua.txt").get(0).getHeaders().get("User-Agent"));
      assertFalse(Version.current().isBlank() || Version.current().equals("VERSION"));
    }
  }
}
