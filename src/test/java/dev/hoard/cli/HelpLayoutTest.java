package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;

class HelpLayoutTest {
  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(delimiter = '|', textBlock = """
      Default: ./links.txt when no URL is given. | 18 | Default:/  ./links.txt when/  no URL is given.
      a[href], link[href], img[src]               | 18 | a[href],/  link[href],/  img[src]
      fits on one line                            | 40 | fits on one line
      (http://[user:pass@]host:port); https       | 10 | (http://[user:pass@]host:port);/  https
      two  spaces   inside                        | 40 | two spaces inside
      """)
  void cutsOnlyAtSpacesAndIndentsTheRest(String text, int width, String lines) {
    assertEquals(List.of(lines.split("/(?=  |$)")), HelpLayout.wrap(text, width, 2));
  }

  @Test
  void noHelpCutsAWordOfADescription() {
    CommandLine root = ManPage.commandTree();
    List<String> cut = new ArrayList<>();
    check(root, cut);
    assertEquals(List.of(), cut);
  }

  private static void check(CommandLine cmd, List<String> cut) {
    String help = cmd.getUsageMessage(Ansi.OFF);
    for (String line : help.split("\n")) {
      assertTrue(line.length() <= 80, "a help line wider than 80 columns: '" + line + "'");
    }
    String joined = help.replaceAll("\\s+", " ");
    List<ArgSpec> args = new ArrayList<>(cmd.getCommandSpec().options());
    args.addAll(cmd.getCommandSpec().positionalParameters());
    for (ArgSpec a : args) {
      if (a.hidden()) continue;
      for (String word : String.join(" ", a.renderedDescription()).split("\\s+")) {
        if (!word.isEmpty() && !joined.contains(" " + word)) {
          cut.add(cmd.getCommandSpec().qualifiedName() + ": " + word);
        }
      }
    }
    for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) check(sub.getValue(), cut);
  }

  @Test
  void getHelpGroupsItsOptionsByTopicThenGivesExamples() {
    String help = ManPage.commandTree().getSubcommands().get("get").getUsageMessage(Ansi.OFF);
    List<String> headings = Arrays.stream(help.split("\n")).filter(l -> l.matches("[A-Z][a-z ()-]*[a-z)]:")).toList();
    assertEquals(List.of("What to get:", "Pools:", "Naming and files:", "Crawl (with -r):", "Network:", "Output:",
        "Examples:"), headings);
    assertTrue(help.startsWith("Usage: hoard get [OPTIONS] [URL...]\n"), help);
    assertTrue(help.contains("  -U, --user-agent=TEXT      The User-Agent header. Default: hoard/"), help);
    assertTrue(!help.contains("hoard/VERSION"), help);
    assertTrue(help.replaceAll("\\s+", " ").contains(
        "--select=CSS CSS selector of the elements whose links are followed. Default: a[href], link[href], img[src],"
            + " source[src], script[src]."), help);
  }
}
