package dev.hoard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.utils.InfoCmp.Capability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opening the real terminal needs one: the choice of block characters and of the terminal type are tested here. */
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

  @ParameterizedTest(name = "TERM={0}")
  @CsvSource(nullValues = "-", value = {
      "xterm-256color, xterm-256color",
      "hoard-no-such-terminal, ansi",
      "'', ansi",
      "-, ansi",
  })
  void drawsForTheTerminalTypeWhenItsCapabilitiesCanBeReadElseForAnsi(String term, String type) {
    assertEquals(type, StandardErrorTerminal.type(name -> name.equals("TERM") ? term : null));
  }

  @Test
  void standardOutputSentToAPipeOrFileIsToldWithoutAskingJline() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc here: JLine is asked instead");
    // the test JVM's standard output goes to the build through a pipe or a file, never a terminal
    assertTrue(StandardErrorTerminal.redirected(SystemStream.Output));
    assertFalse(StandardErrorTerminal.isTerminal(SystemStream.Output));
  }

  @Test
  void aTerminalTypeWithoutTerminfoOpensWithoutAWarning() throws Exception {
    // JLine logs through java.util.logging; its console handler prints on standard error, through the live lines
    Logger jline = Logger.getLogger("org.jline");
    List<LogRecord> logged = new ArrayList<>();
    Handler record = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jline.addHandler(record);
    try (Terminal t = TerminalBuilder.builder().system(false).provider("exec")
        .streams(InputStream.nullInputStream(), OutputStream.nullOutputStream())
        .type(StandardErrorTerminal.type(name -> name.equals("TERM") ? "hoard-no-such-terminal" : null))
        .size(Size.of(80, 24)).build()) {
      assertTrue(t.getStringCapability(Capability.cursor_up) != null, "the terminal can move its cursor up");
    } finally {
      jline.removeHandler(record);
    }
    assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
  }
}
