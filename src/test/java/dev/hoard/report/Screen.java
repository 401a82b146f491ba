package dev.hoard.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A small terminal screen for tests: reads what was written to a terminal and keeps what a person would see. It knows
 * the control characters and CSI sequences JLine's {@code Display} writes for xterm, and fails on any other, so a test
 * never passes over a sequence it did not understand. A line feed also returns the carriage, as a tty does.
 */
final class Screen {
  private int width;
  private final List<StringBuilder> rows = new ArrayList<>();
  /** Whether each row goes on from the row before it, wrapped there by the terminal rather than by a line feed. */
  private final List<Boolean> continued = new ArrayList<>();
  private int row;
  private int col;

  Screen(int width) {
    this.width = width;
  }

  /** Reads {@code text} as written to the terminal. */
  Screen feed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\r' -> col = 0;
        case '\n' -> {
          row++;
          col = 0;
        }
        case '\b' -> col = Math.max(0, col - 1);
        case '\u0007' -> { }
        case '\u001b' -> i = escape(text, i);
        default -> {
          if (c < 0x20) throw new IllegalStateException("unexpected control character " + (int) c);
          put(c);
        }
      }
    }
    return this;
  }

  /** The rows of the screen, trailing spaces and trailing empty rows dropped. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    for (StringBuilder b : rows) out.add(b.toString().stripTrailing());
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
    return out;
  }

  /**
   * The terminal's window becomes {@code newWidth} columns wide; like most terminals it rewraps each line to the new
   * width, the cursor keeping its place in the text.
   */
  Screen reflow(int newWidth) {
    List<String> logical = new ArrayList<>();
    int cursorLine = -1;
    int cursorOffset = 0;
    for (int r = 0; r < Math.max(rows.size(), row + 1); r++) {
      String text = r < rows.size() ? rows.get(r).toString() : "";
      boolean goesOn = r < continued.size() && continued.get(r) && !logical.isEmpty();
      int base = goesOn ? logical.get(logical.size() - 1).length() : 0;
      if (r == row) {
        cursorLine = goesOn ? logical.size() - 1 : logical.size();
        cursorOffset = base + col;
      }
      if (goesOn) logical.set(logical.size() - 1, logical.get(logical.size() - 1) + pad(text, width));
      else logical.add(text);
    }
    width = newWidth;
    rows.clear();
    continued.clear();
    for (int i = 0; i < logical.size(); i++) {
      String text = logical.get(i).stripTrailing();
      int first = rows.size();
      do {
        rows.add(new StringBuilder(text.substring(0, Math.min(newWidth, text.length()))));
        continued.add(rows.size() - 1 > first);
        text = text.length() > newWidth ? text.substring(newWidth) : "";
      } while (!text.isEmpty());
      if (i == cursorLine) {
        row = first + cursorOffset / newWidth;
        col = cursorOffset % newWidth;
      }
    }
    return this;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private void put(char c) {
    if (col >= width) {
      row++;
      col = 0;
      line(row);
      continued.set(row, true);
    }
    StringBuilder b = line(row);
    while (b.length() < col) b.append(' ');
    if (col < b.length()) b.setCharAt(col, c);
    else b.append(c);
    col++;
  }

  private StringBuilder line(int r) {
    while (rows.size() <= r) {
      rows.add(new StringBuilder());
      continued.add(false);
    }
    return rows.get(r);
  }

  private int escape(String text, int i) {
    if (i + 1 >= text.length() || text.charAt(i + 1) != '[') {
      throw new IllegalStateException("unexpected escape " + printable(text.substring(i, Math.min(text.length(), i + 4))));
    }
    int j = i + 2;
    boolean privateMode = j < text.length() && text.charAt(j) == '?';
    if (privateMode) j++;
    int start = j;
    while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == ';')) j++;
    String params = text.substring(start, j);
    char op = text.charAt(j);
    if (privateMode) return j;
    int n = params.isEmpty() ? 1 : Integer.parseInt(params.split(";")[0]);
    StringBuilder b = line(row);
    switch (op) {
      case 'A' -> row = Math.max(0, row - n);
      case 'B' -> row += n;
      case 'C' -> col += n;
      case 'D' -> col = Math.max(0, col - n);
      case 'G' -> col = n - 1;
      case 'K' -> {
        if (params.isEmpty() || params.equals("0")) {
          if (col < b.length()) b.setLength(col);
        } else {
          throw new IllegalStateException("unexpected erase " + params + "K");
        }
      }
      case 'J' -> {
        if (col < b.length()) b.setLength(col);
        while (rows.size() > row + 1) {
          rows.remove(rows.size() - 1);
          continued.remove(continued.size() - 1);
        }
      }
      case '@' -> {
        if (col < b.length()) b.insert(col, " ".repeat(n));
      }
      case 'P' -> {
        if (col < b.length()) b.delete(col, Math.min(b.length(), col + n));
      }
      case 'm' -> { }
      default -> throw new IllegalStateException("unexpected sequence ESC[" + params + op);
    }
    return j;
  }

  private static String printable(String s) {
    return s.replace("\u001b", "ESC");
  }
}
