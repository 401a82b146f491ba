package dev.hoard.cli;

import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.Header;
import dev.hoard.fetch.Network;
import dev.hoard.fetch.SetupException;
import dev.hoard.queue.Run;
import dev.hoard.queue.RunOptions;
import dev.hoard.report.JsonReporter;
import dev.hoard.report.Listener;
import dev.hoard.report.LiveReporter;
import dev.hoard.report.PlainReporter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoard get}: maps the flags to {@link RunOptions} and runs {@link Run#get}. */
@Command(name = "get", versionProvider = Cli.Version.class, sortOptions = false, abbreviateSynopsis = true,
    description = "Download each URL given and each URL of the links file.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  hoard get                       every link of ./links.txt into ./downloads",
        "  hoard get https://example.org/a.iso -o ubuntu.iso",
        "                                  one URL, under a name of your choice",
        "  hoard get -i list.txt -d /data -j 8 -x 16",
        "                                  eight files at once, up to 16 ranges each",
        "  hoard get --json -q -i list.txt | jq -r 'select(.status==\"failed\") | .url'",
        "                                  the URLs that failed",
        "  hoard get -r -l 2 --no-parent -A pdf https://example.org/papers/",
        "                                  the PDFs two links deep below /papers/"})
final class GetCommand implements Callable<Integer> {
  /** The most downloads at once, {@code -j}; {@code hoard tune} tries no more. */
  static final int MAX_JOBS = 1024;
  /** The most connections for one file, {@code -x}; {@code hoard tune} tries no more. */
  static final int MAX_CONNECTIONS = 64;

  enum Progress { auto, bar, plain, none }

  private final Cli.Context ctx;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL", arity = "0..*",
      description = "URLs to download, before those of the links file; without a scheme, http:// is meant.")
  List<String> urls = new ArrayList<>();

  @ArgGroup(validate = false, heading = "%nWhat to get:%n", order = 1)
  GetFlags.What what = new GetFlags.What();

  @ArgGroup(validate = false, heading = "%nPools:%n", order = 2)
  GetFlags.Pools pools = new GetFlags.Pools();

  @ArgGroup(validate = false, heading = "%nNaming and files:%n", order = 3)
  GetFlags.Naming naming = new GetFlags.Naming();

  @ArgGroup(validate = false, heading = "%nCrawl (with -r):%n", order = 4)
  CrawlFlags crawl = new CrawlFlags();

  @ArgGroup(validate = false, heading = "%nNetwork:%n", order = 5)
  GetFlags.Requests requests = new GetFlags.Requests();

  @ArgGroup(validate = false, heading = "%nOutput:%n", order = 6)
  GetFlags.Output output = new GetFlags.Output();

  GetCommand(Cli.Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    Combinations.output(spec, naming.output, urls, what.inputFile, crawl.recursive);
    Combinations.select(spec, crawl.select);
    RunOptions.CrawlOptions crawlOptions = crawl.options(spec);
    Combinations.crawlWithoutRecursion(spec, CrawlFlags.class, crawl.recursive)
        .ifPresent(w -> ctx.err().println("hoard: warning: " + w));
    NetworkFlags net = requests.net;
    Network network;
    try {
      network = net.network(ctx, ctx.err());
    } catch (SetupException e) {
      ctx.err().println("hoard: " + e.getMessage());
      ctx.err().println("Try 'hoard get --help' for more information.");
      return ExitCodes.USAGE;
    }
    RunOptions options = options(network, crawlOptions);
    Listener listener = listener();
    var entries = Inputs.of(what.inputFile, urls).open(spec, ctx, naming.output);
    Run.Result r = Run.get(options, entries, listener, output.verbose ? listener::exchanged : Fetcher.Observer.NONE,
        ctx.interrupt()::onRaise);
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

  private RunOptions options(Network network, RunOptions.CrawlOptions crawlOptions) {
    GetFlags.Pools p = pools;
    GetFlags.Requests q = requests;
    if (p.jobs < 1) throw usage("--jobs", p.jobs, "at least 1");
    if (p.jobs > MAX_JOBS) throw usage("--jobs", p.jobs, "at most " + MAX_JOBS);
    if (p.connections.fixed() > MAX_CONNECTIONS) throw usage("--connections", p.connections, "at most " + MAX_CONNECTIONS);
    if (p.maxPerHost < 1) throw usage("--max-per-host", p.maxPerHost, "at least 1");
    if (q.retries < 0) throw usage("--retries", q.retries, "at least 0");
    if (p.minChunk < 1) throw usage("--min-chunk", p.minChunk, "at least 1 byte");
    // the client reads a timeout in whole milliseconds, and 0 ms is none at all: 0.0001s would wait forever
    if (q.timeout.toMillis() < 1) throw usage("--timeout", typed("--timeout"), "1 ms or more");
    List<Header> parsed = new ArrayList<>();
    for (String h : q.headers) {
      try {
        parsed.add(Header.parse(h));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--header': " + e.getMessage());
      }
    }
    return RunOptions.builder(naming.dir)
        .jobs(p.jobs)
        .connections(p.connections)
        .minChunk(p.minChunk)
        .maxPerHost(p.maxPerHost)
        .retries(q.retries)
        .retryWait(q.retryWait)
        .timeout(q.timeout)
        .limitRate(q.limitRate)
        .userAgent(q.userAgent)
        .headers(parsed)
        .contentDisposition(naming.contentDisposition)
        .overwrite(naming.overwrite)
        .timestamping(naming.timestamping)
        .maxFileSize(naming.maxFileSize)
        .shard(what.shard)
        .crawl(crawlOptions)
        .network(network)
        .build();
  }

  private Listener listener() {
    boolean quiet = output.quiet;
    boolean json = output.json;
    Progress progress = output.progress;
    // auto draws live lines wherever standard error can show them, as curl and wget show their progress with
    // > results.txt; with 2>file it prints a line per file instead
    boolean bars = !quiet && (progress == Progress.bar
        || progress == Progress.auto && LiveReporter.standardErrorIsTerminal());
    // standard output that is not a terminal always gets a line per finished file, live bars or not: it is the record
    boolean lines = !quiet && (!ctx.terminal() || !bars && progress != Progress.none);
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
