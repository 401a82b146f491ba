package dev.hoard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintableTest {
  /** Inputs are written with {@code \\uXXXX} escapes, decoded before the call, so the table shows what it holds. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "report.pdf|report.pdf",
      "r\\u00e9sum\\u00e9 \\u65e5\\u672c.txt|r\\u00e9sum\\u00e9 \\u65e5\\u672c.txt",
      "\\u001b[31mred\\u001b[0m|[31mred[0m",
      "\\u001b]0;owned\\u0007title|]0;ownedtitle",
      "a\\u0000b\\u007fc|abc",
      "a\\u0085b\\u009bc|abc",
      "line\\r\\nbreak|line  break",
      "tab\\there|tab here",
      "evil\\u202egnp.exe|evilgnp.exe",
      "\\u2066iso\\u2069late|isolate",
      "zero\\u200bwidth\\u200d\\u200fjoin|zerowidthjoin",
      "\\ufeffbom|bom",
      "para\\u2028graph\\u2029s|para graph s",
      "\\u00a0nbsp|\\u00a0nbsp",
  })
  void keepsOnlyWhatATerminalShows(String in, String out) {
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

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && s.charAt(i + 1) == 'u') {
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
