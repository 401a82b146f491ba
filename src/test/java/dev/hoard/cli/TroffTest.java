package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TroffTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      plain words              | plain words
      --max-per-host=N         | \\-\\-max\\-per\\-host=N
      C:\\dir                  | C:\\edir
      .hidden                  | \\&.hidden
      'quoted'                 | \\&'quoted'
      "  a.b  "                | a.b
      \\fBnot bold             | \\efBnot bold
      """)
  void escapesWhatTroffWouldRead(String input, String expected) {
    assertEquals(expected, Troff.text(input));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      first\\n.second          | first\\n\\&.second
      first\\n   'second       | first\\n\\&'second
      a\\n  b                  | a\\nb
      """)
  void guardsEveryLineNotOnlyTheFirst(String input, String expected) {
    assertEquals(expected.replace("\\n", "\n"), Troff.text(input.replace("\\n", "\n")));
  }

  @Test
  void quotesAMacroArgumentDoublingItsQuotes() {
    assertEquals("\"hoard get\"", Troff.argument("hoard get"));
    assertEquals("\"say \"\"hi\"\"\"", Troff.argument("say \"hi\""));
    assertEquals("\"\\-x\"", Troff.argument("-x"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      -d                       | \\fB\\-d\\fR
      """)
  void setsBoldAndReturnsToRoman(String input, String expected) {
    assertEquals(expected, Troff.bold(input));
  }
}
