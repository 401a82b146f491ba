package dev.hoard.cli;

/** Text made safe for troff's man(7) macros: no stray escape, no line that troff would read as a request. */
final class Troff {
  private Troff() {}

  /**
   * Escapes plain text: a backslash becomes {@code \e}, a hyphen {@code \-} (so an option copied from the page is
   * typed with ASCII hyphens), and a line starting with {@code .} or {@code '} is guarded by {@code \&}; lines are
   * trimmed, since a leading space would break troff's filling.
   */
  static String text(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    String[] lines = s.strip().split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (i > 0) out.append('\n');
      if (line.startsWith(".") || line.startsWith("'")) out.append("\\&");
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        switch (ch) {
          case '\\' -> out.append("\\e");
          case '-' -> out.append("\\-");
          default -> out.append(ch);
        }
      }
    }
    return out.toString();
  }

  /** Escaped text in bold, the font returned to roman after it. */
  static String bold(String s) {
    return "\\fB" + text(s) + "\\fR";
  }

  /** Escaped text in italics, the font returned to roman after it. */
  static String italic(String s) {
    return "\\fI" + text(s) + "\\fR";
  }

  /** A quoted macro argument: the escaped text with its double quotes doubled, as groff reads them inside quotes. */
  static String argument(String s) {
    return "\"" + text(s).replace("\"", "\"\"") + "\"";
  }
}
