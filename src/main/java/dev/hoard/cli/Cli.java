package dev.hoard.cli;

import dev.hoard.report.Printable;
import dev.hoard.store.LocalFailure;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** Builds the picocli command tree and maps every outcome to an exit status (docs/output.md). */
public final class Cli {
  private Cli() {}

  /**
   * What every command needs from its surroundings: streams, the interrupt, whether stdout is a terminal (asked only
   * when a command needs to know: asking can cost a JLine provider's start-up).
   */
  record Context(PrintWriter out, PrintWriter err, InputStream in, Interrupt interrupt,
      BooleanSupplier stdoutIsTerminal, Map<String, String> env) {
    Context(PrintWriter out, PrintWriter err, InputStream in, Interrupt interrupt, boolean terminal,
        Map<String, String> env) {
      this(out, err, in, interrupt, () -> terminal, env);
    }

    boolean terminal() {
      return stdoutIsTerminal.getAsBoolean();
    }
  }

  @Command(name = "hoard", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "A parallel, chunked file downloader and scraper for the terminal.",
      subcommands = {CommandLine.HelpCommand.class})
  static final class Hoard implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new UsageErrors.MissingCommand(spec.commandLine());
    }
  }

  /** The version from the jar's build. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"hoard " + dev.hoard.runtime.Version.current()};
    }
  }

  /** The subcommands, in the order the root's help lists them. */
  private static final List<String> COMMANDS = List.of("get", "check", "tune", "demo");

  // a switch, not a map of constructor references: each of those costs the JVM a method handle to spin at start-up
  private static Object command(String name, Context ctx) {
    return switch (name) {
      case "get" -> new GetCommand(ctx);
      case "check" -> new CheckCommand(ctx);
      case "tune" -> new TuneCommand(ctx);
      case "demo" -> new DemoCommand(ctx);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** The whole command tree of hoard, as the man page describes it. */
  static CommandLine commandLine(Context ctx) {
    return commandLine(ctx, null);
  }

  /**
   * The command tree for a command line starting with {@code first}. When that is {@code get}, {@code check} or
   * {@code tune}: the root and that subcommand alone, since picocli builds each model by reflection over its options
   * (12–20 ms for the ones a download never uses, 6–10 % of a one-file {@code get}). Otherwise the whole tree, which the
   * root's help, {@code help}, {@code generate-completion} and the root's errors describe; {@code demo} too, as the
   * launcher trains its class-data archive on a demo, and every command's classes belong in it.
   */
  static CommandLine commandLine(Context ctx, String first) {
    boolean alone = first != null && !first.equals("demo") && COMMANDS.contains(first);
    CommandLine cmd = new CommandLine(new Hoard());
    for (String name : COMMANDS) {
      if (!alone || name.equals(first)) cmd.addSubcommand(name, command(name, ctx));
    }
    if (!alone) {
      CommandLine gen = new CommandLine(new picocli.AutoComplete.GenerateCompletion());
      gen.getCommandSpec().usageMessage().hidden(false);
      cmd.addSubcommand("generate-completion", gen);
    }
    HelpLayout.install(cmd);
    return cmd;
  }

  /** Runs one command line; returns the exit status. */
  public static int run(PrintWriter out, PrintWriter err, InputStream in, Interrupt interrupt, boolean terminal,
      Map<String, String> env, String... args) {
    return run(out, err, in, interrupt, () -> terminal, env, args);
  }

  /** Runs one command line, asking {@code terminal} if stdout is a terminal when it must; returns the exit status. */
  public static int run(PrintWriter out, PrintWriter err, InputStream in, Interrupt interrupt,
      BooleanSupplier terminal, Map<String, String> env, String... args) {
    Context ctx = new Context(out, err, in, interrupt, terminal, env);
    CommandLine cmd = commandLine(ctx, args.length > 0 ? args[0] : null);
    cmd.setOut(out).setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(new UsageErrors(err));
    cmd.setExecutionExceptionHandler((ex, line, parsed) -> {
      // an error no command expected may still quote a server
      err.println("hoard: " + Printable.of(ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      err.flush();
      return ExitCodes.LOCAL;
    });
    int code;
    try {
      code = cmd.execute(args);
    } catch (OutOfMemoryError e) {
      // what a command could not catch itself: a message a person can act on rather than a stack trace
      err.println("hoard: " + LocalFailure.OUT_OF_MEMORY);
      code = ExitCodes.LOCAL;
    }
    out.flush();
    err.flush();
    return code;
  }
}
