package dev.hoard.cli;

import dev.hoard.plan.Job;
import dev.hoard.plan.LinksFile;
import dev.hoard.url.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code -i FILE} and {@code URL...} of get, check and tune: what to work on, streamed. */
final class Inputs {
  /** How {@code -i} is described wherever it appears. */
  static final String INPUT_FILE = "The links file; - reads standard input. Default: ./links.txt when no URL is given.";

  // a Path, not a String: shell completion then offers file names
  @Option(names = {"-i", "--input-file"}, paramLabel = "FILE", description = INPUT_FILE)
  Path inputFile;

  @Parameters(paramLabel = "URL", arity = "0..*", description = "URLs to work on, before those of the links file.")
  List<String> urls = new ArrayList<>();

  /** The inputs {@code -i FILE} (or null) and {@code URL...} name, parsed elsewhere. */
  static Inputs of(Path inputFile, List<String> urls) {
    Inputs inputs = new Inputs();
    inputs.inputFile = inputFile;
    inputs.urls = urls;
    return inputs;
  }

  /**
   * The entries to work on: the URL arguments first, then the links file line by line. A bad URL argument or an
   * unreadable file is a usage error.
   */
  Iterator<LinksFile.Entry> open(CommandSpec spec, Cli.Context ctx) {
    return open(spec, ctx, null);
  }

  /** The entries to work on, the URL arguments named {@code out} ({@code -o}), or by their URL when it is null. */
  Iterator<LinksFile.Entry> open(CommandSpec spec, Cli.Context ctx, String out) {
    List<LinksFile.Entry> given = new ArrayList<>();
    for (String u : urls) {
      try {
        URI url = Urls.parseHttp(u);
        given.add(Job.listed(url, out, null));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "Invalid URL argument: " + e.getMessage());
      }
    }
    String file = inputFile != null ? inputFile.toString() : urls.isEmpty() ? "links.txt" : null;
    if (file == null) return given.iterator();
    InputStream in;
    String source;
    if (file.equals("-")) {
      in = ctx.in();
      source = "stdin";
    } else {
      Path path = Path.of(file);
      try {
        // opening a folder for reading succeeds on Linux and fails only at the first read, too late for exit 2
        if (Files.isDirectory(path)) throw new IOException("is a folder");
        in = Files.newInputStream(path);
      } catch (IOException | UncheckedIOException e) {
        throw new ParameterException(spec.commandLine(), "Cannot read links file '" + file + "': "
            + (Files.isDirectory(path) ? "is a folder" : Files.exists(path) ? "permission denied" : "no such file"));
      }
      source = file;
    }
    LinksFile lines = new LinksFile(in, source);
    Iterator<LinksFile.Entry> first = given.iterator();
    return new Iterator<>() {
      @Override public boolean hasNext() {
        return first.hasNext() || lines.hasNext();
      }

      @Override public LinksFile.Entry next() {
        return first.hasNext() ? first.next() : lines.next();
      }
    };
  }
}
