package dev.hoard.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** Builds the picocli command tree and maps every outcome to an exit status (docs/output.md). */
public final class Cli {
  private Cli() {}

  /** What every command needs from its surroundings: streams, the interrupt, whether stdout is a terminal. */
  record Context(PrintWriter out, PrintWriter err, InputStream in, Interrupt interrupt, boolean terminal,
      Map<String, String> env) {}

  @Command(name = "hoard", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "A parallel, chunked file downloader and scraper for the terminal.",
      subcommands = {CommandLine.HelpCommand.class})
  static final class Hoard implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'hoard get' or 'hoard --help'");
    }
  }

  /** The version from the jar's build. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"hoard " + dev.hoard.runtime.Version.current()};
    }
  }

  /** The command tree of hoard and its subcommands, as {@link #run} executes it and the man page describes it. */
  static CommandLine commandLine(Context ctx) {
    CommandLine cmd = new CommandLine(new Hoard());
    cmd.addSubcommand("get", new GetCommand(ctx));
    cmd.addSubcommand("check", new CheckCommand(ctx));
    cmd.addSubcommand("tune", new TuneCommand(ctx));
    cmd.addSubcommand("demo", new DemoCommand(ctx));
    CommandLine gen = new CommandLine(new picocli.AutoComplete.GenerateCompletion());
    gen.getCommandSpec().usageMessage().hidden(false);
    cmd.addSubcommand("generate-completion", gen);
    return cmd;
  }

  /** Runs one command line; returns the exit status. */
  public static int run(PrintWriter out, PrintWriter err, InputStream in, Interrupt interrupt, boolean terminal,
      Map<String, String> env, String... args) {
    CommandLine cmd = commandLine(new Context(out, err, in, interrupt, terminal, env));
    cmd.setOut(out).setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      err.println("hoard: " + ex.getMessage());
      err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return ExitCodes.USAGE;
    });
    cmd.setExecutionExceptionHandler((ex, line, parsed) -> {
      err.println("hoard: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      err.flush();
      return ExitCodes.LOCAL;
    });
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
