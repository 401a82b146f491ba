package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ManPageTest {
  private static final CommandLine TREE = ManPage.commandTree();
  private static final String PAGE = page();

  private static String page() {
    StringWriter text = new StringWriter();
    ManPage.write(TREE, "1.2.3", new PrintWriter(text));
    return text.toString();
  }

  /** The lines of one command's part of the page, from its heading to the next heading. */
  private static String sectionOf(String command) {
    String heading = ".SS \"hoard " + Troff.text(command);
    int start = PAGE.indexOf(heading + " ");
    if (start < 0) start = PAGE.indexOf(heading + "\"");
    assertTrue(start >= 0, "no section for hoard " + command);
    int next = PAGE.indexOf("\n.S", start + 1);
    return PAGE.substring(start, next < 0 ? PAGE.length() : next);
  }

  @Test
  void mentionsEveryOptionOfGetInItsSection() {
    String get = sectionOf("get");
    List<String> missing = new ArrayList<>();
    for (OptionSpec o : TREE.getSubcommands().get("get").getCommandSpec().options()) {
      if (o.hidden()) continue;
      for (String name : o.names()) if (!get.contains(Troff.bold(name))) missing.add(name);
    }
    assertEquals(List.of(), missing, "options of hoard get missing from the man page");
  }

  @Test
  void leavesHiddenOptionsOut() {
    assertFalse(PAGE.contains(Troff.text("--scratch-root")));
  }

  @Test
  void hasASectionForEveryCommand() {
    for (String name : TREE.getSubcommands().keySet()) sectionOf(name);
  }

  @Test
  void namesTheVersionInItsTitleLine() {
    assertTrue(PAGE.contains("\n.TH \"HOARD\" 1 \"\" \"hoard 1.2.3\""), PAGE.lines().limit(3).toList().toString());
  }

  @Test
  void everyRequestLineIsAManMacroThePageMeansToUse() {
    Set<String> macros = Set.of(".\\\"", ".TH", ".SH", ".SS", ".TP", ".PP", ".br", ".BR");
    for (String line : PAGE.split("\n")) {
      if (line.startsWith(".")) {
        String request = line.split(" ", 2)[0];
        assertTrue(macros.contains(request), "unexpected request line: " + line);
      }
      assertFalse(line.startsWith("'"), "a line troff would read as a request: " + line);
    }
  }

  @picocli.CommandLine.Command(name = "grouped", description = "A command whose options come in topics.")
  static final class Grouped {
    static final class Network {
      @picocli.CommandLine.Option(names = "--proxy", paramLabel = "URL", description = "Through this proxy.")
      String proxy;
    }

    @picocli.CommandLine.Option(names = "--loose", description = "In no group.")
    boolean loose;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Network:%n")
    Network network;
  }

  @Test
  void setsEachOptionGroupUnderItsHeadingAfterTheOptionsInNoGroup() {
    CommandLine root = new CommandLine(new Cli.Hoard());
    root.addSubcommand("grouped", new Grouped());
    StringWriter text = new StringWriter();
    ManPage.write(root, "1", new PrintWriter(text));
    String page = text.toString();
    int options = page.indexOf(".PP\n\\fBOptions\\fR\n.TP\n\\fB\\-\\-loose\\fR");
    int network = page.indexOf(".PP\n\\fBNetwork\\fR\n.TP\n\\fB\\-\\-proxy\\fR=\\fIURL\\fR");
    assertTrue(options > 0 && network > options, page);
  }

  @Test
  void theBuildWritesThePageBesideTheJar() throws IOException {
    // the process-classes phase runs before the tests, so a Maven test run always finds it
    Path built = Path.of("target", "man", "hoard.1");
    assertTrue(Files.isRegularFile(built), built + " is missing: is the exec-maven-plugin step in pom.xml?");
    assertTrue(Files.readString(built, StandardCharsets.UTF_8).contains(".SS \"hoard get "));
  }

  @Test
  void groffReadsThePageWithoutAWarning() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is not installed");
    Path file = Files.createTempFile("hoard", ".1");
    try {
      Files.writeString(file, PAGE, StandardCharsets.UTF_8);
      Process groff = new ProcessBuilder("/usr/bin/groff", "-man", "-ww", "-z", "-Tutf8", file.toString())
          .redirectErrorStream(true).start();
      String output = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, groff.waitFor(), output);
      assertEquals("", output);
    } finally {
      Files.delete(file);
    }
  }
}
