package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

class CliTest {
  private static final List<String> ALL = List.of("help", "get", "check", "tune", "demo", "generate-completion");

  private static Cli.Context context() {
    PrintWriter nowhere = new PrintWriter(new StringWriter());
    return new Cli.Context(nowhere, nowhere, InputStream.nullInputStream(), new Interrupt(), false, Map.of());
  }

  private static List<String> subcommands(CommandLine cmd) {
    return List.copyOf(cmd.getSubcommands().keySet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"get", "check", "tune"})
  void aCommandLineNamingACommandBuildsThatOneAloneWithTheSameHelp(String name) {
    CommandLine alone = Cli.commandLine(context(), name);
    assertEquals(List.of("help", name), subcommands(alone));
    assertEquals(Cli.commandLine(context()).getSubcommands().get(name).getUsageMessage(Ansi.OFF),
        alone.getSubcommands().get(name).getUsageMessage(Ansi.OFF));
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "help", "generate-completion", "--help", "--version", "gett", "-q"})
  void anyOtherStartBuildsTheWholeTree(String first) {
    assertEquals(ALL, subcommands(Cli.commandLine(context(), first)));
  }

  @Test
  void noArgumentsBuildTheWholeTreeAndTheRootHelpListsEveryCommand() {
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    Cli.run(new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream(), new Interrupt(), false,
        Map.of(), "--help");
    for (String name : ALL) assertTrue(out.toString().contains(name), name + " in:\n" + out);
    assertEquals(ALL, subcommands(Cli.commandLine(context(), null)));
  }
}
