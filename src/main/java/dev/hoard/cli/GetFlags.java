package dev.hoard.cli;

import dev.hoard.download.Connections;
import dev.hoard.plan.Shard;
import dev.hoard.runtime.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options of {@code hoard get}, one class per topic of its {@code --help}: each is an argument group that only
 * gathers options under a heading, never a rule about which go together. The crawl topic is {@link CrawlFlags}; the
 * network one holds {@link NetworkFlags}.
 */
final class GetFlags {
  private GetFlags() {}

  /** What to get: the links file and the shard of it. */
  static final class What {
    @Option(names = {"-i", "--input-file"}, paramLabel = "FILE", description = Inputs.INPUT_FILE)
    Path inputFile;

    @Option(names = "--shard", paramLabel = "K/N", converter = Converters.ShardSpec.class,
        description = "Only the links whose URL hashes to shard K (from 0) of N, so N machines split one list.")
    Shard shard = Shard.ALL;
  }

  /** The outer and inner pools. */
  static final class Pools {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
        description = "Outer pool: downloads at once. Default: ${DEFAULT-VALUE}.")
    int jobs = 4;

    @Option(names = {"-x", "--connections"}, paramLabel = "N|auto", converter = Converters.ConnectionCount.class,
        description = "Inner pool: range requests in flight for one file; auto opens more while each adds throughput,"
            + " up to 16. Default: auto.")
    Connections connections = Connections.AUTO;

    @Option(names = {"-k", "--min-chunk"}, paramLabel = "SIZE", converter = Converters.Size.class,
        description = "The smallest piece to request. Default: 1M.")
    long minChunk = 1 << 20;

    @Option(names = "--max-per-host", paramLabel = "N",
        description = "Connections open to one host at once, across all downloads. Default: ${DEFAULT-VALUE}.")
    int maxPerHost = 16;
  }

  /** Where files land and under which names. */
  static final class Naming {
    @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
        description = "Where files land (created if missing). Default: ${DEFAULT-VALUE}.")
    Path dir = Path.of("downloads");

    @Option(names = {"-o", "--output"}, paramLabel = "NAME",
        description = "The file name for the one URL given, as out= in the links file.")
    String output;

    @Option(names = "--content-disposition", description = "Take the file name from Content-Disposition (made safe).")
    boolean contentDisposition;

    @Option(names = "--overwrite", description = "Download again even when the finished file is there.")
    boolean overwrite;

    @Option(names = {"-N", "--timestamping"},
        description = "Fetch a file already there again only when the server's copy is newer (If-Modified-Since) or "
            + "of another size; otherwise it is skipped.")
    boolean timestamping;

    @Option(names = "--max-filesize", paramLabel = "SIZE", converter = Converters.Size.class,
        description = "Refuse a file larger than this.")
    long maxFileSize = Long.MAX_VALUE;
  }

  /** How requests go: retries, timeouts, rate, headers, and the network's proxies, cookies and credentials. */
  static final class Requests {
    @Option(names = "--retries", paramLabel = "N",
        description = "Attempts after the first, per request. Default: ${DEFAULT-VALUE}.")
    int retries = 5;

    @Option(names = "--retry-wait", paramLabel = "DURATION", converter = Converters.Time.class,
        description = "The wait before the first retry; each later one doubles, up to 30s or this wait if longer. "
            + "Default: 500ms.")
    Duration retryWait = Duration.ofMillis(500);

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Time.class,
        description = "Connect timeout and read (idle) timeout; a bare number is seconds. Default: 30s.")
    Duration timeout = Duration.ofSeconds(30);

    @Option(names = "--limit-rate", paramLabel = "SIZE", converter = Converters.Size.class,
        description = "Cap on the total bytes per second.")
    long limitRate = 0;

    @Option(names = {"-U", "--user-agent"}, paramLabel = "TEXT",
        description = "The User-Agent header. Default: ${DEFAULT-VALUE}.")
    String userAgent = Version.userAgent();

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'",
        description = "An extra request header (repeatable); sent only to the host of the URL it came with.")
    List<String> headers = new ArrayList<>();

    @ArgGroup(validate = false)
    NetworkFlags net = new NetworkFlags();
  }

  /** What the run prints. */
  static final class Output {
    @Option(names = "--progress", paramLabel = "auto|bar|plain|none",
        description = "bar: live lines on a terminal; plain: a line per finished file. Default: auto (bar when"
            + " standard error is a terminal, else plain).")
    GetCommand.Progress progress = GetCommand.Progress.auto;

    @Option(names = {"-q", "--quiet"}, description = "No progress, errors only.")
    boolean quiet;

    @Option(names = "--json", description = "JSON Lines on standard output: one object per download, a summary last.")
    boolean json;

    @Option(names = {"-v", "--verbose"},
        description = "One line per HTTP request on standard error: method, URL, Range, status, time.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;
  }
}
