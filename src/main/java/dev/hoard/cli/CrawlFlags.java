package dev.hoard.cli;

import dev.hoard.crawl.LinkExtractor;
import dev.hoard.queue.RunOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The flags of {@code get -r}: depth, scope, politeness. */
final class CrawlFlags {
  @Option(names = {"-r", "--recursive"}, description = "Parse downloaded HTML and enqueue the links it holds.")
  boolean recursive;

  @Option(names = {"-l", "--level"}, paramLabel = "N|inf", converter = Converters.Level.class,
      description = "How many links deep -r goes from a listed page; inf for no limit. Default: 5.")
  int level = 5;

  @Option(names = {"-A", "--accept"}, paramLabel = "LIST", split = ",", description = "Suffixes or globs of files to keep while crawling.")
  List<String> accept = new ArrayList<>();

  @Option(names = {"-R", "--reject"}, paramLabel = "LIST", split = ",", description = "Suffixes or globs never to download.")
  List<String> reject = new ArrayList<>();

  @Option(names = "--select", paramLabel = "CSS",
      description = "CSS selector of the elements whose links are followed. Default: " + LinkExtractor.DEFAULT_SELECT + ".")
  String select = LinkExtractor.DEFAULT_SELECT;

  @Option(names = "--span-hosts", description = "Follow links to other hosts.")
  boolean spanHosts;

  @Option(names = "--no-parent", description = "Never go above the start URL's folder.")
  boolean noParent;

  @Option(names = "--no-robots", description = "Ignore robots.txt while crawling.")
  boolean noRobots;

  @Option(names = "--wait", paramLabel = "DURATION", converter = Converters.Time.class, description = "Pause between requests to one host while crawling.")
  Duration pause = Duration.ZERO;

  @Option(names = "--max-pages", paramLabel = "N", description = "Pages a crawl fetches at most, so traps end. Default: ${DEFAULT-VALUE}.")
  int maxPages = 20_000;

  /** The crawl options, or null without {@code -r}. */
  RunOptions.CrawlOptions options(CommandSpec spec) {
    if (!recursive) return null;
    if (maxPages < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--max-pages': '" + maxPages + "' (must be at least 1)");
    }
    return new RunOptions.CrawlOptions(level, accept, reject, select, spanHosts, noParent, !noRobots, pause, maxPages);
  }
}
