package dev.hoard.cli;

import dev.hoard.crawl.LinkExtractor;
import dev.hoard.queue.RunOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The flags of {@code get -r} and {@code -p}: depth, scope, politeness, mirroring. */
final class CrawlFlags {
  @Option(names = {"-r", "--recursive"}, description = "Parse downloaded HTML and CSS and enqueue the links they hold.")
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

  @Option(names = "--max-pages", paramLabel = "N", description = "URLs a crawl fetches at most (pages and their files), so traps end. Default: ${DEFAULT-VALUE}.")
  int maxPages = 20_000;

  @Option(names = {"-p", "--page-requisites"},
      description = "Also fetch what each saved page needs to display: images, stylesheets, scripts, fonts, icons.")
  boolean requisites;

  @Option(names = "--convert-links",
      description = "When the run ends, point the links of saved HTML and CSS at the saved copies (by relative path), the others at their URL.")
  boolean convertLinks;

  @Option(names = "--sitemap", description = "Also start the crawl from each start host's sitemaps.")
  boolean sitemap;

  /** The crawl options, or null without {@code -r} or {@code -p}. */
  RunOptions.CrawlOptions options(CommandSpec spec) {
    // a malformed value is a usage error whether or not it would be used
    if (maxPages < 1) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--max-pages': '" + maxPages + "' (must be at least 1)");
    }
    if (!recursive && !requisites) {
      if (convertLinks) throw new ParameterException(spec.commandLine(), "--convert-links needs -r or -p");
      if (sitemap) throw new ParameterException(spec.commandLine(), "--sitemap needs -r");
      return null;
    }
    if (sitemap && !recursive) throw new ParameterException(spec.commandLine(), "--sitemap needs -r");
    // -p alone: the listed pages and what they need, laid out as a crawl lays them
    return new RunOptions.CrawlOptions(recursive ? level : 0, accept, reject, select, spanHosts, noParent, !noRobots,
        pause, maxPages, requisites, convertLinks, sitemap);
  }
}
