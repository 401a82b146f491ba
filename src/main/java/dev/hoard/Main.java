package dev.hoard;

import dev.hoard.cli.Cli;
import dev.hoard.cli.Interrupt;
import dev.hoard.report.LiveReporter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** hoard's entry point: {@link #run} does the work and returns the exit status; only {@link #main} exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // straight to the descriptor, not through System.out, which swallows a write error: so out.checkError() tells
    // when the reader of a pipe is gone
    PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
        StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Interrupt interrupt = Interrupt.onSignals();
    int code = Cli.run(out, err, System.in, interrupt, new BooleanSupplier() {
      private Boolean terminal;

      @Override
      public boolean getAsBoolean() {
        if (terminal == null) terminal = LiveReporter.standardOutputIsTerminal();
        return terminal;
      }
    }, System.getenv(), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs hoard with the given streams, as if from a non-terminal with an empty environment (no proxy from it);
   * returns the exit status.
   */
  public static int run(PrintWriter out, PrintWriter err, InputStream in, String... args) {
    return run(out, err, in, Map.of(), args);
  }

  /** Runs hoard with the given streams and environment, as if from a non-terminal; returns the exit status. */
  public static int run(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, String... args) {
    return Cli.run(out, err, in, new Interrupt(), false, env, args);
  }
}
