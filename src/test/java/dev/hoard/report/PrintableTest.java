package dev.hoard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintableTest {
  /**
   * Both columns are written with {@code \\uXXXX} escapes (and {@code \\\\} for a backslash), decoded before the
   * call, so the table shows what it holds.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "report.pdf|report.pdf",
      "r\\u00e9sum\\u00e9 \\u65e5\\u672c.txt|r\\u00e9sum\\u00e9 \\u65e5\\u672c.txt",
      "\\u001b[31mred\\u001b[0m|\\x1b[31mred\\x1b[0m",
      "\\u001b]0;owned\\u0007title|\\x1b]0;owned\\x07title",
      "a\\u0000b\\u007fc|a\\x00b\\x7fc",
      "a\\u0085b\\u009bc|a\\x85b\\x9bc",
      "line\\r\\nbreak|line  break",
      "tab\\there|tab here",
      "evil\\u202egnp.exe|evil\\\\u202egnp.exe",
      "\\u2066iso\\u2069late|\\\\u2066iso\\\\u2069late",
      "zero\\u200bwidth\\u200d\\u200fjoin|zero\\\\u200bwidth\\\\u200d\\\\u200fjoin",
      "\\ufeffbom|\\\\ufeffbom",
      "C:\\\\dir\\\\x1b|C:\\\\dir\\\\x1b",
      "para\\u2028graph\\u2029s|para graph s",
      "\\u00a0nbsp|\\u00a0nbsp",
      "word\\u2060joiner\\u2064|word\\\\u2060joiner\\\\u2064",
      "mvs\\u180e|mvs\\\\u180e",
      "tag\\udb40\\udc41hidden\\udb40\\udc7f|tag\\\\U000e0041hidden\\\\U000e007f",
      "emoji \\ud83d\\ude00 stays|emoji \\ud83d\\ude00 stays",
  })
  void writesOutWhatATerminalWouldActOn(String in, String out) {
    assertEquals(unescape(out), Printable.of(unescape(in)));
  }

  @Test
  void leavesNullAlone() {
    assertNull(Printable.of(null));
  }

  @Test
  void returnsCleanTextAsItIs() {
    String clean = "downloads/a.iso";
    assertEquals(clean, Printable.of(clean));
    assertEquals("", Printable.of(""));
  }

  @Test
  void cleaningTwiceChangesNothing() {
    String once = Printable.of("404 Nope\u001b[2J\u001b]0;pwned\u0007 \u009b\u202e\r\n");
    assertEquals("404 Nope\\x1b[2J\\x1b]0;pwned\\x07 \\x9b\\u202e  ", once);
    assertEquals(once, Printable.of(once));
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && s.charAt(i + 1) == '\\') {
        b.append('\\');
        i++;
      } else if (c == '\\' && s.charAt(i + 1) == 'u') {
        b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (c == '\\' && s.charAt(i + 1) == 'r') {
        b.append('\r');
        i++;
      } else if (c == '\\' && s.charAt(i + 1) == 'n') {
        b.append('\n');
        i++;
      } else if (c == '\\' && s.charAt(i + 1) == 't') {
        b.append('\t');
        i++;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
