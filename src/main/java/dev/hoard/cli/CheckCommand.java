package dev.hoard.cli;

import dev.hoard.check.CheckOptions;
import dev.hoard.check.CheckRun;
import dev.hoard.fetch.Network;
import dev.hoard.fetch.SetupException;
import dev.hoard.runtime.Version;
import dev.hoard.url.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code hoard check}: maps the flags to {@link CheckOptions}, runs {@link CheckRun}, maps its outcome to a status. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Check which URLs of a list are up or down, once or every --watch interval.")
final class CheckCommand implements Callable<Integer> {
  /** Beyond this many threads a checker only hurts the machine it runs on. */
  static final int MAX_JOBS = 1024;

  private final Cli.Context ctx;

  @Spec CommandSpec spec;

  @Mixin Inputs inputs = new Inputs();

  @Mixin ReachFlags reach = new ReachFlags();

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "32",
      description = "Checks in flight at once (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.Time.class,
      description = "Time for each check as a whole: HEAD, a GET fallback and its body (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "1",
      description = "A failing check is retried this many times before the site counts as down (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--watch", paramLabel = "DURATION", converter = Converters.Time.class,
      description = "Check again every DURATION until interrupted; after the first round report only changes of state.")
  Duration watch;

  @Option(names = "--notify-cmd", paramLabel = "CMD",
      description = "Run CMD through sh -c on each change of state, with HOARD_URL, HOARD_STATE, HOARD_HTTP, HOARD_ERROR set.")
  String notifyCmd;

  @Option(names = "--webhook", paramLabel = "URL", converter = WebhookUrl.class,
      description = "POST a JSON object to URL on each change of state.")
  URI webhook;

  @Option(names = "--json", description = "JSON Lines: one object per check, a summary last.")
  boolean json;

  CheckCommand(Cli.Context ctx) {
    this.ctx = ctx;
  }

  /** An http or https URL, or a message naming what is wrong with it. */
  static final class WebhookUrl implements ITypeConverter<URI> {
    @Override public URI convert(String value) {
      try {
        return Urls.parseHttp(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() {
    if (jobs < 1 || jobs > MAX_JOBS) usage("--jobs", "a number from 1 to " + MAX_JOBS);
    if (retries < 0) usage("--retries", "a number >= 0");
    if (timeout.toMillis() < 1) usage("--timeout", "a duration of 1 ms or more");
    if (watch != null && watch.toMillis() < 1) usage("--watch", "a duration of 1 ms or more");
    if (notifyCmd != null && notifyCmd.isBlank()) usage("--notify-cmd", "a shell command");
    CheckOptions options = new CheckOptions(jobs, timeout, retries, watch, notifyCmd, webhook, json,
        Version.userAgent());
    Network network;
    try {
      network = reach.network(ctx, ctx.err());
    } catch (SetupException e) {
      ctx.err().println("hoard: " + e.getMessage());
      ctx.err().println("Try 'hoard check --help' for more information.");
      return ExitCodes.USAGE;
    }
    var entries = inputs.open(spec, ctx);
    CheckRun run = new CheckRun(options, network, ctx.out(), ctx.err());
    ctx.interrupt().onRaise(run::stop);
    CheckRun.Totals outcome = run.run(entries);
    if (outcome.stopped()) return outcome.watched() ? ExitCodes.OK : ExitCodes.INTERRUPTED;
    // a watch that ends by itself had nothing to watch
    if (outcome.watched() || outcome.down() > 0 || outcome.badLines() > 0) return ExitCodes.FAILED;
    return ExitCodes.OK;
  }

  /** Fails with picocli's usage error, naming the option and the value as it was typed. */
  private void usage(String option, String expected) {
    var typed = spec.findOption(option).originalStringValues();
    String value = typed.isEmpty() ? "" : typed.get(typed.size() - 1);
    throw new ParameterException(spec.commandLine(),
        "Invalid value for option '" + option + "': '" + value + "' is not " + expected);
  }
}
