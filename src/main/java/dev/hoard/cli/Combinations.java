package dev.hoard.cli;

import dev.hoard.crawl.LinkExtractor;
import dev.hoard.plan.OutName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Which options of {@code hoard get} go together, checked before anything runs: {@code -o} names the file of one URL
 * argument, {@code --select} must be a selector, and the crawl options say so when {@code -r} is missing.
 */
final class Combinations {
  private Combinations() {}

  /** Options of the crawl topic that mean something without {@code -r}. */
  private static final Set<String> WITHOUT_RECURSION = Set.of("--recursive", "--page-requisites", "--convert-links");

  /**
   * Checks {@code -o NAME} against what else was given.
   *
   * @throws ParameterException when it names no single URL argument, or is not a bare file name
   */
  static void output(CommandSpec spec, String output, List<String> urls, Path inputFile, boolean recursive) {
    if (output == null) return;
    String why = null;
    if (recursive) why = "a crawl (-r) names its files after their URLs";
    else if (inputFile != null) why = "it names the one URL given on the command line; in a links file, use out=NAME";
    else if (urls.size() != 1) why = "it names the file of exactly one URL argument, and " + urls.size() + " were given";
    if (why != null) throw new ParameterException(spec.commandLine(), "-o/--output cannot be used here: " + why);
    if (output.equals("-")) {
      // curl's and wget's "-o -" writes to standard output; hoard always lands files in DIR
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--output': '-': hoard writes files"
          + " into the download folder, not to standard output (curl -o - or wget -O - do that)");
    }
    if (!OutName.bare(output)) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--output': '" + output + "': "
          + OutName.NEEDED);
    }
  }

  /**
   * Checks that jsoup can read {@code --select}, with {@code -r} or without.
   *
   * @throws ParameterException naming the selector and what is wrong with it
   */
  static void select(CommandSpec spec, String select) {
    try {
      new LinkExtractor(select);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--select': " + e.getMessage());
    }
  }

  /**
   * A warning when options of the crawl topic were given without {@code -r}, which alone makes them count; empty with
   * {@code -r} or without such options.
   *
   * @param crawlType the class whose options form the crawl topic
   */
  static Optional<String> crawlWithoutRecursion(CommandSpec spec, Class<?> crawlType, boolean recursive) {
    if (recursive) return Optional.empty();
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> given = new ArrayList<>();
    for (ArgGroupSpec group : spec.argGroups()) {
      if (group.typeInfo() == null || group.typeInfo().getType() != crawlType) continue;
      for (OptionSpec o : group.allOptionsNested()) {
        if (parsed.hasMatchedOption(o) && !WITHOUT_RECURSION.contains(o.longestName())) given.add(shown(o));
      }
    }
    if (given.isEmpty()) return Optional.empty();
    return Optional.of(String.join(", ", given) + (given.size() == 1 ? " has" : " have")
        + " no effect without -r (--recursive)");
  }

  /** {@code -A/--accept}, or {@code --select} for an option with one name. */
  private static String shown(OptionSpec o) {
    return String.join("/", o.names());
  }
}
