package dev.hoard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opening the real terminal needs one: only the choice of block characters is tested here. */
class StandardErrorTerminalTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "LC_ALL=C.UTF-8            | true",
      "LANG=en_US.utf8           | true",
      "LC_ALL=C, LANG=en_US.UTF-8| false",
      "LC_CTYPE=UTF-8            | true",
      "LANG=                     | false",
      "-                         | false",
  })
  void drawsBlocksOnlyWhereTheLocaleIsUtf8(String vars, boolean unicode) {
    Map<String, String> env = new HashMap<>();
    if (vars != null) {
      for (String pair : vars.split(",")) {
        String[] kv = pair.trim().split("=", -1);
        env.put(kv[0], kv[1]);
      }
    }
    UnaryOperator<String> lookup = env::get;
    assertEquals(unicode, StandardErrorTerminal.unicode(lookup));
  }
}
