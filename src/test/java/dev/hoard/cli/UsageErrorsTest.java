package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageErrorsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      get --limt-rate 1M http://127.0.0.1:9/ | hoard: unknown option '--limt-rate'; did you mean '--limit-rate'?
      get --limit-rat=1M http://127.0.0.1:9/ | hoard: unknown option '--limit-rat'; did you mean '--limit-rate'?
      get --josn http://127.0.0.1:9/         | hoard: unknown option '--josn'; did you mean '--json'?
      get --frobnicate http://127.0.0.1:9/   | hoard: unknown option '--frobnicate'
      get -c http://127.0.0.1:9/             | hoard: unknown option '-c'; resuming needs no option: run the same command again and each .part file goes on where it stopped
      get -O a.iso http://127.0.0.1:9/       | hoard: unknown option '-O'; did you mean '-o' (the name of the one URL's file)?
      check --timout 5 http://127.0.0.1:9/   | hoard: unknown option '--timout'; did you mean '--timeout'?
      gt http://127.0.0.1:9/                 | hoard: unknown command 'gt'; did you mean 'hoard get'?
      chek http://127.0.0.1:9/               | hoard: unknown command 'chek'; did you mean 'hoard check'?
      http://127.0.0.1:9/a.iso               | hoard: 'http://127.0.0.1:9/a.iso' is not a command; did you mean 'hoard get http://127.0.0.1:9/a.iso'?
      example.org/a.iso                      | hoard: 'example.org/a.iso' is not a command; did you mean 'hoard get example.org/a.iso'?
      """)
  void aMistakeGetsTheCommandLineItWasProbablyMeantToBe(String args, String message) {
    var run = Hoard.run(args.split(" ")).exits(2);

    List<String> lines = run.err().lines().toList();
    assertEquals(message, lines.get(0), run.err());
    assertEquals(2, lines.size(), run.err());
    assertFalse(run.err().contains("Unmatched argument"), run.err());
  }

  @Test
  void anUnknownCommandFarFromEveryOneListsThem() {
    var run = Hoard.run("zzzzz").exits(2);

    String first = run.err().lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("hoard: unknown command 'zzzzz' (commands: "), first);
    assertTrue(first.contains("get, ") && first.contains("check, ") && first.contains("tune"), first);
  }

  @Test
  void hoardWithNoCommandSaysSoOnceWithWhatToTry() {
    var run = Hoard.run().exits(2);

    assertEquals(List.of("hoard: missing command",
        "Try 'hoard get' to download the links of ./links.txt, or 'hoard --help' for every command."),
        run.err().lines().toList());
    assertEquals("", run.out());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      gt         | get
      gett       | get
      egt        | get
      tnue       | tune
      x          | null
      fetch      | null
      --limt-rate | --limit-rate
      """)
  void suggestsTheNearestNameWithinTwoEdits(String word, String expected) {
    String found = UsageErrors.closest(word, List.of("get", "check", "tune", "--limit-rate", "--json"));
    if (expected == null) assertNull(found);
    else assertEquals(expected, found);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"http://example.org/, true", "example.org, true", "localhost:8080/x, true", "get, false",
      "gt, false", "generate-completion, false", "ftp://example.org/, true"})
  void tellsAUrlFromAMistypedCommand(String word, boolean url) {
    assertEquals(url, UsageErrors.looksLikeUrl(word));
  }
}
