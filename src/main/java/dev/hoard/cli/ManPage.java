package dev.hoard.cli;

import dev.hoard.runtime.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes hoard's man page, {@code hoard(1)}, in troff from the picocli definitions of its commands; the build runs
 * {@link #main} so that the page and {@code --help} never disagree.
 */
public final class ManPage {
  private ManPage() {}

  /** A term and what it means, set as a tagged paragraph. */
  private record Item(String term, String meaning) {}

  /** An example: a command and what it does. */
  private record Example(String command, String meaning) {}

  private static final List<Item> FILES = List.of(
      new Item("links.txt", "The links file read when no URL and no -i is given: one URL per line, then optional"
          + " out=NAME and sha256=HEX; several URLs on one line are mirrors of one file; # starts a comment."),
      new Item("downloads/", "Where files land when -d is not given."),
      new Item("NAME.part", "A file still downloading, beside its target; its resume state is kept beside it."
          + " NAME itself appears only when the file is whole and verified."),
      new Item("~/.netrc", "Credentials per host, read with --netrc."));

  private static final List<Item> ENVIRONMENT = List.of(
      new Item("http_proxy", "The proxy for http URLs, unless --proxy or --no-proxy is given (HTTP_PROXY in upper case"
          + " is not read, since a CGI server can set it)."),
      new Item("https_proxy, HTTPS_PROXY", "The proxy for https URLs (reached with CONNECT)."),
      new Item("all_proxy, ALL_PROXY", "The proxy for both, when the one for the scheme is not set."),
      new Item("no_proxy, NO_PROXY", "Hosts that go direct: comma-separated names (a name covers its subdomains; a"
          + " leading . is allowed), IP addresses, or * for all."));

  private static final List<Item> EXIT_STATUS = List.of(
      new Item(String.valueOf(ExitCodes.OK), "Every download succeeded (check: every site is up)."),
      new Item(String.valueOf(ExitCodes.FAILED), "At least one download failed, or a line of the links file could not"
          + " be used; the others still completed (check: at least one site is down)."),
      new Item(String.valueOf(ExitCodes.USAGE), "Usage error: unknown option, bad value, unreadable links file."),
      new Item(String.valueOf(ExitCodes.LOCAL), "A local error stopped the run: the folder cannot be written, the disk"
          + " is full."),
      new Item(String.valueOf(ExitCodes.INTERRUPTED), "Interrupted by SIGINT or SIGTERM: running pieces saved their"
          + " progress, and the same command resumes them (check --watch exits 0 instead)."));

  private static final List<Example> EXAMPLES = List.of(
      new Example("hoard demo", "See the nested pools at work against a local server; no network needed."),
      new Example("hoard get", "Download every link of ./links.txt into ./downloads."),
      new Example("hoard get -i list.txt -d /data -j 8 -x 16", "Eight files at once, up to 16 ranges each."),
      new Example("hoard get --json -q -i list.txt", "Results as JSON Lines, one object per file, a summary last."),
      new Example("hoard get --shard 0/3 -i huge.txt", "On machine 0 of 3, download that machine's third of the list."),
      new Example("hoard get -r -l 2 --no-parent -A pdf https://example.org/papers/",
          "Crawl two links deep below /papers/ and keep the PDFs."),
      new Example("hoard get -r -p --convert-links https://example.org/",
          "Mirror a site with what its pages need, browsable offline."),
      new Example("hoard check --watch 5m -i sites.txt", "Check the sites every five minutes and report changes."),
      new Example("hoard tune -i sample.txt", "Measure which pool sizes serve this list best."));

  /** Writes the page to the file named by the first argument, creating its folder. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) throw new IllegalArgumentException("usage: ManPage OUTPUT-FILE (e.g. target/man/hoard.1)");
    Path target = Path.of(args[0]);
    if (target.getParent() != null) Files.createDirectories(target.getParent());
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
      write(commandTree(), Version.current(), out);
    }
  }

  /** The command tree as hoard runs it, with streams that go nowhere: the page needs its definitions only. */
  static CommandLine commandTree() {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    return Cli.commandLine(new Cli.Context(nowhere, nowhere, InputStream.nullInputStream(), new Interrupt(), false, Map.of()));
  }

  /** Writes the page for {@code root} and its visible subcommands. */
  static void write(CommandLine root, String version, PrintWriter out) {
    CommandSpec spec = root.getCommandSpec();
    String name = spec.name();
    out.println(".\\\" Generated by dev.hoard.cli.ManPage from the command definitions; do not edit.");
    out.println(".TH " + Troff.argument(name.toUpperCase(Locale.ROOT)) + " 1 \"\" "
        + Troff.argument(name + " " + version) + " \"User Commands\"");
    out.println(".SH NAME");
    out.println(Troff.text(name) + " \\- " + Troff.text(lowerFirst(stripPeriod(joined(spec.usageMessage().description())))));

    out.println(".SH SYNOPSIS");
    List<CommandSpec> commands = visibleSubcommands(spec);
    out.println(synopsis(spec));
    for (CommandSpec c : commands) {
      out.println(".br");
      out.println(synopsis(c));
    }

    out.println(".SH DESCRIPTION");
    out.println(Troff.text(joined(spec.usageMessage().description())));
    out.println(".PP");
    out.println(Troff.text("Run " + name + " COMMAND --help for the options of one command. Sizes are whole numbers of"
        + " bytes with an optional K, M or G (binary: 1M is 1048576); durations are a number with ms, s, m or h, and a"
        + " bare number is seconds."));

    out.println(".SH OPTIONS");
    options(spec, out);

    out.println(".SH COMMANDS");
    for (CommandSpec c : commands) {
      out.println(".SS " + Troff.argument(c.qualifiedName() + usageTail(c)));
      out.println(Troff.text(joined(c.usageMessage().description())));
      positionals(c, out);
      options(c, out);
    }

    section("FILES", FILES, out);
    section("ENVIRONMENT", ENVIRONMENT, out);
    section("EXIT STATUS", EXIT_STATUS, out);
    out.println(".SH EXAMPLES");
    for (Example e : EXAMPLES) {
      out.println(".TP");
      out.println(Troff.bold(e.command()));
      out.println(Troff.text(e.meaning()));
    }
    out.println(".SH SEE ALSO");
    out.println(Troff.text("The docs/ folder of hoard's repository (docs/README.md) explains every command at length."));
    out.println(".PP");
    out.println(".BR wget (1),");
    out.println(".BR curl (1),");
    out.println(".BR aria2c (1)");
    out.flush();
  }

  /** {@code hoard get [OPTIONS] [URL...]}, bold command and italic arguments. */
  private static String synopsis(CommandSpec c) {
    StringBuilder s = new StringBuilder(Troff.bold(c.qualifiedName()));
    if (!visibleOptions(c.options()).isEmpty()) s.append(" [").append(Troff.italic("OPTIONS")).append(']');
    for (PositionalParamSpec p : c.positionalParameters()) {
      if (p.hidden()) continue;
      String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
      boolean optional = p.arity().min() == 0;
      s.append(' ').append(optional ? "[" : "").append(Troff.italic(label)).append(optional ? "]" : "");
    }
    if (!visibleSubcommands(c).isEmpty()) s.append(" [").append(Troff.italic("COMMAND")).append(']');
    return s.toString();
  }

  /** What follows a command's name in its heading, as plain text. */
  private static String usageTail(CommandSpec c) {
    StringBuilder s = new StringBuilder();
    if (!visibleOptions(c.options()).isEmpty()) s.append(" [OPTIONS]");
    for (PositionalParamSpec p : c.positionalParameters()) {
      if (p.hidden()) continue;
      String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
      s.append(' ').append(p.arity().min() == 0 ? "[" + label + "]" : label);
    }
    return s.toString();
  }

  private static void positionals(CommandSpec c, PrintWriter out) {
    for (PositionalParamSpec p : c.positionalParameters()) {
      if (p.hidden()) continue;
      out.println(".TP");
      out.println(Troff.italic(p.paramLabel() + (p.arity().max() > 1 ? "..." : "")));
      out.println(Troff.text(joined(p.renderedDescription())));
    }
  }

  /**
   * The options of a command: those in no group first, then each group under its heading, so a command that groups
   * its options by topic in {@code --help} shows the same topics here.
   */
  private static void options(CommandSpec c, PrintWriter out) {
    Set<OptionSpec> grouped = new LinkedHashSet<>();
    for (ArgGroupSpec g : c.argGroups()) grouped.addAll(g.allOptionsNested());
    List<OptionSpec> loose = new ArrayList<>();
    for (OptionSpec o : visibleOptions(c.options())) if (!grouped.contains(o)) loose.add(o);
    if (!c.argGroups().isEmpty() && !loose.isEmpty()) heading("Options", out);
    for (OptionSpec o : loose) option(o, out);
    for (ArgGroupSpec g : c.argGroups()) group(g, out);
  }

  private static void group(ArgGroupSpec g, PrintWriter out) {
    List<OptionSpec> own = visibleOptions(g.options());
    if (g.heading() != null && !own.isEmpty()) heading(g.heading(), out);
    for (OptionSpec o : own) option(o, out);
    for (ArgGroupSpec sub : g.subgroups()) group(sub, out);
  }

  /** A topic heading inside a section: a bold line of its own, as man pages set subheadings below .SS. */
  private static void heading(String text, PrintWriter out) {
    out.println(".PP");
    out.println(Troff.bold(stripColon(text.replace("%n", "").strip())));
  }

  private static void option(OptionSpec o, PrintWriter out) {
    StringBuilder tag = new StringBuilder();
    for (String n : o.names()) {
      if (tag.length() > 0) tag.append(", ");
      tag.append(Troff.bold(n));
    }
    if (o.arity().max() > 0) tag.append('=').append(Troff.italic(o.paramLabel()));
    out.println(".TP");
    out.println(tag);
    out.println(Troff.text(joined(o.renderedDescription())));
  }

  private static void section(String title, List<Item> items, PrintWriter out) {
    out.println(".SH " + title);
    for (Item i : items) {
      out.println(".TP");
      out.println(Troff.bold(i.term()));
      out.println(Troff.text(i.meaning()));
    }
  }

  private static List<OptionSpec> visibleOptions(List<OptionSpec> options) {
    return options.stream().filter(o -> !o.hidden()).toList();
  }

  private static List<CommandSpec> visibleSubcommands(CommandSpec spec) {
    return spec.subcommands().entrySet().stream()
        // an alias maps to the same command again: keep each command once, under its own name
        .filter(e -> e.getKey().equals(e.getValue().getCommandName()))
        .map(e -> e.getValue().getCommandSpec())
        .filter(c -> !c.usageMessage().hidden())
        // help about help is the least wanted: it goes last
        .sorted(Comparator.comparing(c -> c.userObject() instanceof CommandLine.HelpCommand))
        .toList();
  }

  private static String joined(String[] lines) {
    return String.join(" ", lines).replace("%n", " ").strip();
  }

  private static String stripPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String stripColon(String s) {
    return s.endsWith(":") ? s.substring(0, s.length() - 1) : s;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
