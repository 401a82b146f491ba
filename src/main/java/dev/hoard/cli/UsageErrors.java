package dev.hoard.cli;

import dev.hoard.url.Urls;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Prints a usage error as a person can act on it, then exits 2: a mistyped option or command gets the name it was
 * probably meant to be, and a URL given without a command gets the command it needs.
 *
 * <table>
 *   <caption>command line → message</caption>
 *   <tr><td>{@code hoard get --limt-rate 1M}</td><td>unknown option '--limt-rate'; did you mean '--limit-rate'?</td></tr>
 *   <tr><td>{@code hoard get -c URL}</td><td>unknown option '-c'; resuming needs no option: run the same command
 *       again and each .part file goes on where it stopped</td></tr>
 *   <tr><td>{@code hoard gt URL}</td><td>unknown command 'gt'; did you mean 'hoard get'?</td></tr>
 *   <tr><td>{@code hoard https://example.org/a.iso}</td><td>'https://example.org/a.iso' is not a command; did you
 *       mean 'hoard get https://example.org/a.iso'?</td></tr>
 *   <tr><td>{@code hoard}</td><td>missing command, and which to try</td></tr>
 * </table>
 */
final class UsageErrors implements IParameterExceptionHandler {
  /** Thrown by the bare {@code hoard}: its hint replaces the usual "Try --help" line. */
  static final class MissingCommand extends ParameterException {
    MissingCommand(CommandLine line) {
      super(line, "missing command");
    }
  }

  /** Two typos at most, and fewer than the word has letters: "gt" is near "get", "x" is near nothing. */
  private static final int MAX_DISTANCE = 2;

  private final PrintWriter err;

  UsageErrors(PrintWriter err) {
    this.err = err;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    for (String line : lines(ex)) err.println(line);
    err.flush();
    return ExitCodes.USAGE;
  }

  /** The lines that tell of {@code ex}, each starting as hoard's messages do. */
  static List<String> lines(ParameterException ex) {
    CommandSpec spec = ex.getCommandLine().getCommandSpec();
    String help = "Try '" + spec.qualifiedName() + " --help' for more information.";
    if (ex instanceof MissingCommand) {
      return List.of("hoard: missing command",
          "Try 'hoard get' to download the links of ./links.txt, or 'hoard --help' for every command.");
    }
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String word = u.getUnmatched().get(0);
      if (u.isUnknownOption() || word.startsWith("-")) return List.of(unknownOption(spec, word), help);
      if (!spec.subcommands().isEmpty()) return List.of(notACommand(spec, word, u.getUnmatched()), help);
    }
    return List.of("hoard: " + ex.getMessage(), help);
  }

  private static String unknownOption(CommandSpec spec, String word) {
    int eq = word.indexOf('=');
    String name = eq < 0 ? word : word.substring(0, eq);
    List<String> names = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) continue;
      for (String n : o.names()) if (n.startsWith("--")) names.add(n);
    }
    String habit = HABITS.get(name);
    if (habit != null && spec.name().equals("get")) return "hoard: unknown option '" + name + "'; " + habit;
    String near = name.startsWith("--") ? closest(name, names) : null;
    return "hoard: unknown option '" + name + "'" + (near == null ? "" : "; did you mean '" + near + "'?");
  }

  /** wget's and curl's options that people type from habit, and what hoard does instead. */
  private static final Map<String, String> HABITS = Map.of(
      "-c", "resuming needs no option: run the same command again and each .part file goes on where it stopped",
      "--continue", "resuming needs no option: run the same command again and each .part file goes on where it stopped",
      "-O", "did you mean '-o' (the name of the one URL's file)?",
      "-P", "did you mean '-d' (the download folder)?",
      "--directory-prefix", "did you mean '-d' (the download folder)?",
      "-nc", "existing files are never replaced: they are skipped, unless --overwrite");

  private static String notACommand(CommandSpec spec, String word, List<String> unmatched) {
    String root = spec.qualifiedName();
    if (looksLikeUrl(word)) {
      return "hoard: '" + word + "' is not a command; did you mean '" + root + " get " + String.join(" ", unmatched)
          + "'?";
    }
    List<String> commands = new ArrayList<>();
    spec.subcommands().forEach((name, line) -> {
      if (!line.getCommandSpec().usageMessage().hidden()) commands.add(name);
    });
    String near = closest(word, commands);
    return "hoard: unknown command '" + word + "'"
        + (near != null ? "; did you mean '" + root + " " + near + "'?" : " (commands: " + String.join(", ", commands) + ")");
  }

  /** Whether a word meant as a command is rather a URL: it has a scheme, or a dot or slash and reads as one. */
  static boolean looksLikeUrl(String word) {
    if (word.contains("://")) return true;
    if (word.indexOf('.') < 0 && word.indexOf('/') < 0) return false;
    try {
      Urls.parseHttp(word);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The candidate nearest to {@code word} within {@link #MAX_DISTANCE} edits, or null; the first one wins a tie. */
  static String closest(String word, List<String> candidates) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(lower, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    // a distance as long as the word itself means nothing of it was right
    int bare = lower.replaceFirst("^-+", "").length();
    return bestDistance <= MAX_DISTANCE && bestDistance < bare ? best : null;
  }

  /** Edits (insert, delete, replace, swap two neighbours) from {@code a} to {@code b}: optimal string alignment. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
