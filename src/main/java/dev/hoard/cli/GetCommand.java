package dev.hoard.cli;

import dev.hoard.chunk.Connections;
import dev.hoard.fetch.Header;
import dev.hoard.fetch.Network;
import dev.hoard.fetch.SetupException;
import dev.hoard.plan.Shard;
import dev.hoard.queue.Run;
import dev.hoard.queue.RunOptions;
import dev.hoard.report.JsonReporter;
import dev.hoard.report.Listener;
import dev.hoard.report.LiveReporter;
import dev.hoard.report.PlainReporter;
import dev.hoard.runtime.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hoard get}: maps the flags to {@link RunOptions} and runs {@link Run#get}. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Download each URL given and each URL of the links file.")
final class GetCommand implements Callable<Integer> {
  enum Progress { auto, bar, plain, none }

  private final Cli.Context ctx;
  @Spec CommandSpec spec;
  @Mixin Inputs inputs = new Inputs();

  @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "Where files land (created if missing). Default: ${DEFAULT-VALUE}.")
  Path dir = Path.of("downloads");

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Downloads in flight at once. Default: ${DEFAULT-VALUE}.")
  int jobs = 4;

  @Option(names = {"-x", "--connections"}, paramLabel = "N|auto", converter = Converters.ConnectionCount.class,
      description = "Range requests in flight for one file; auto opens more while each adds throughput, up to 16. Default: auto.")
  Connections connections = Connections.AUTO;

  @Option(names = {"-k", "--min-chunk"}, paramLabel = "SIZE", converter = Converters.Size.class,
      description = "No piece smaller than this is requested. Default: 1M.")
  long minChunk = 1 << 20;

  @Option(names = "--max-per-host", paramLabel = "N", description = "Connections open to one host at once. Default: ${DEFAULT-VALUE}.")
  int maxPerHost = 16;

  @Option(names = "--retries", paramLabel = "N", description = "Attempts after the first, per request. Default: ${DEFAULT-VALUE}.")
  int retries = 5;

  @Option(names = "--retry-wait", paramLabel = "DURATION", converter = Converters.Time.class, hidden = true,
      description = "The first backoff wait; later ones double. Default: 500ms.")
  Duration retryWait = Duration.ofMillis(500);

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Time.class,
      description = "Connect timeout and read (idle) timeout. Default: 30s.")
  Duration timeout = Duration.ofSeconds(30);

  @Option(names = "--limit-rate", paramLabel = "SIZE", converter = Converters.Size.class, description = "Cap on total bytes per second.")
  long limitRate = 0;

  @Option(names = {"-U", "--user-agent"}, paramLabel = "TEXT", description = "The User-Agent header. Default: hoard/VERSION.")
  String userAgent;

  @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'",
      description = "An extra request header (repeatable); sent only to the host of the URL it came with.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--content-disposition", description = "Take the file name from Content-Disposition (sanitised).")
  boolean contentDisposition;

  @Option(names = "--overwrite", description = "Download again even when the finished file is there.")
  boolean overwrite;

  @Option(names = {"-N", "--timestamping"},
      description = "Fetch a file already there again only when the server's copy is newer (If-Modified-Since) or of "
          + "another size; otherwise it is skipped.")
  boolean timestamping;

  @Option(names = "--max-filesize", paramLabel = "SIZE", converter = Converters.Size.class, description = "Refuse a file larger than this.")
  long maxFileSize = Long.MAX_VALUE;

  @Option(names = "--shard", paramLabel = "K/N", converter = Converters.ShardSpec.class,
      description = "Only the links whose URL hashes to shard K of N (0 <= K < N).")
  Shard shard = Shard.ALL;

  @Mixin CrawlFlags crawl = new CrawlFlags();

  @Mixin NetworkFlags net = new NetworkFlags();

  @Option(names = "--json", description = "JSON Lines on standard output: one object per download, a summary last.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress, errors only.")
  boolean quiet;

  @Option(names = "--progress", paramLabel = "auto|bar|plain|none", description = "Live bars on a terminal; plain: a line per finished file. Default: auto.")
  Progress progress = Progress.auto;

  GetCommand(Cli.Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    Network network;
    try {
      network = net.network(ctx, ctx.err());
    } catch (SetupException e) {
      ctx.err().println("hoard: " + e.getMessage());
      ctx.err().println("Try 'hoard get --help' for more information.");
      return ExitCodes.USAGE;
    }
    RunOptions options = options(network);
    Listener listener = listener();
    var entries = inputs.open(spec, ctx);
    Run.Result r = Run.get(options, entries, listener, ctx.interrupt()::onRaise);
    try {
      net.saveCookies(network);
    } catch (IOException e) {
      ctx.err().println("hoard: cannot save cookies: " + e.getMessage());
      return ExitCodes.LOCAL;
    }
    if (r.interrupted()) return ExitCodes.INTERRUPTED;
    if (r.localFailure() != null) return ExitCodes.LOCAL;
    return r.summary().failed() > 0 || r.badLines() ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private RunOptions options(Network network) {
    if (jobs < 1) throw usage("--jobs", jobs, "at least 1");
    if (jobs > 1024) throw usage("--jobs", jobs, "at most 1024");
    if (connections.fixed() > 64) throw usage("--connections", connections, "at most 64");
    if (maxPerHost < 1) throw usage("--max-per-host", maxPerHost, "at least 1");
    if (retries < 0) throw usage("--retries", retries, "at least 0");
    if (minChunk < 1) throw usage("--min-chunk", minChunk, "at least 1 byte");
    if (timeout.isZero()) throw usage("--timeout", typed("--timeout"), "more than 0");
    List<Header> parsed = new ArrayList<>();
    for (String h : headers) {
      try {
        parsed.add(Header.parse(h));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--header': " + e.getMessage());
      }
    }
    return RunOptions.builder(dir)
        .jobs(jobs)
        .connections(connections)
        .minChunk(minChunk)
        .maxPerHost(maxPerHost)
        .retries(retries)
        .retryWait(retryWait)
        .timeout(timeout)
        .limitRate(limitRate)
        .userAgent(userAgent != null ? userAgent : Version.userAgent())
        .headers(parsed)
        .contentDisposition(contentDisposition)
        .overwrite(overwrite)
        .timestamping(timestamping)
        .maxFileSize(maxFileSize)
        .shard(shard)
        .crawl(crawl.options(spec))
        .network(network)
        .build();
  }

  private Listener listener() {
    // auto draws live lines only where standard error can show them; with 2>file it prints a line per file instead
    boolean bars = !quiet && (progress == Progress.bar
        || progress == Progress.auto && ctx.terminal() && LiveReporter.standardErrorIsTerminal());
    boolean lines = !quiet && !bars && (progress != Progress.none || !ctx.terminal());
    PlainReporter.Show show = quiet ? PlainReporter.Show.ERRORS : lines ? PlainReporter.Show.LINES
        : PlainReporter.Show.SUMMARY;
    Listener results = json ? new JsonReporter(ctx.out(), ctx.err()) : new PlainReporter(ctx.out(), ctx.err(), show);
    // ctx.terminal() says standard output is the terminal too: JSON Lines then land among the live lines
    return bars ? LiveReporter.onStandardError(results, json && ctx.terminal()) : results;
  }

  /** The value of an option as the user typed it ({@code 0s}, not {@code PT0S}), for messages. */
  private String typed(String option) {
    var matched = spec.commandLine().getParseResult().matchedOption(option);
    List<String> values = matched == null ? List.of() : matched.originalStringValues();
    return values.isEmpty() ? "" : values.get(values.size() - 1);
  }

  private ParameterException usage(String option, Object value, String need) {
    return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': '" + value
        + "' (must be " + need + ")");
  }
}
