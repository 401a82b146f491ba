package dev.hoard.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's option and parameter lists, their descriptions wrapped at spaces only. picocli wraps where Java's line
 * breaker allows, which is also inside a word: {@code ./links.txt} became {@code .} and {@code /links.txt},
 * {@code img[src]} became {@code img} and {@code [src]}. Each description is cut here into lines that fit, so picocli
 * never has to cut one.
 */
final class HelpLayout extends Help.Layout {
  /** How much further picocli indents the wrapped lines of a description than its first. */
  private static final int WRAPPED_INDENT = 2;

  private HelpLayout(Help.Layout base) {
    super(base.colorScheme(), base.textTable(), base.optionRenderer(), base.parameterRenderer());
  }

  /** Makes every help of {@code cmd} and its subcommands, as they are now, wrap descriptions at spaces. */
  static void install(CommandLine cmd) {
    cmd.setHelpFactory(Factory::new);
  }

  private static final class Factory extends Help {
    Factory(CommandSpec spec, ColorScheme colors) {
      super(spec, colors);
    }

    @Override
    public Help.Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
        ColorScheme colors) {
      return new HelpLayout(super.createDefaultLayout(options, positionals, colors));
    }
  }

  @Override
  public void layout(ArgSpec arg, Text[][] rows) {
    Column[] columns = textTable().columns();
    Column description = columns[columns.length - 1];
    int room = description.width - description.indent;
    List<Text[]> fitted = new ArrayList<>();
    for (Text[] row : rows) {
      Text last = row[row.length - 1];
      List<String> lines = last == null ? List.of() : wrap(last.plainString(), room, WRAPPED_INDENT);
      if (lines.size() <= 1) {
        fitted.add(row);
        continue;
      }
      Text[] first = row.clone();
      first[first.length - 1] = colorScheme().text(lines.get(0));
      fitted.add(first);
      for (String more : lines.subList(1, lines.size())) {
        Text[] next = new Text[row.length];
        for (int i = 0; i < next.length - 1; i++) next[i] = colorScheme().text("");
        next[next.length - 1] = colorScheme().text(more);
        fitted.add(next);
      }
    }
    super.layout(arg, fitted.toArray(new Text[0][]));
  }

  /**
   * {@code text} cut at spaces into lines of at most {@code width} characters, every line after the first indented by
   * {@code indent} (and as much shorter); a word longer than a line has one to itself, whole. Lines keep no trailing
   * space.
   */
  static List<String> wrap(String text, int width, int indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    String pad = " ".repeat(indent);
    for (String word : text.strip().split(" +")) {
      if (word.isEmpty()) continue;
      int limit = lines.isEmpty() ? width : width - indent;
      if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
        lines.add((lines.isEmpty() ? "" : pad) + line);
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    if (line.length() > 0 || lines.isEmpty()) lines.add((lines.isEmpty() ? "" : pad) + line);
    return lines;
  }
}
