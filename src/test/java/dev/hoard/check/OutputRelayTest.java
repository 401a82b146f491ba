package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputRelayTest {
  private final StringWriter err = new StringWriter();

  private List<String> copied(String output) throws IOException {
    OutputRelay.copy(new StringReader(output), new PrintWriter(err, true));
    return err.toString().lines().toList();
  }

  @Test
  void linesArePassedOnAsTheyAreWithCrlfEndingsAsLfOnesAndALastLineWithoutNewline() throws IOException {
    assertEquals(List.of("one", "", "two", "three"), copied("one\n\ntwo\r\nthree"));
  }

  @Test
  void controlCharactersAreWrittenOutOrMadeSpaces() throws IOException {
    assertEquals(List.of("a\\x1b[2Jb c\\x85\\x07  d"), copied("a\u001b[2Jb\tc\u0085\u0007\u000b d\n"));
  }

  @Test
  void aLineLongerThanTheLongestIsPassedOnInPieces() throws IOException {
    int longest = OutputRelay.LONGEST_LINE;
    List<String> lines = copied("x".repeat(2 * longest + 5) + "\n");
    assertEquals(List.of("x".repeat(longest), "x".repeat(longest), "x".repeat(5)), lines);
  }

  @Test
  void aPieceNeverEndsBetweenTheHalvesOfASurrogatePair() throws IOException {
    int longest = OutputRelay.LONGEST_LINE;
    String output = "x".repeat(longest - 1) + "\uD83D\uDE00" + "y\n";
    List<String> lines = copied(output);
    assertEquals(List.of("x".repeat(longest - 1) + "\uD83D\uDE00", "y"), lines);
  }

  @Test
  void aStartedRelayPassesOnUtf8OutputAndEndsWithIt() throws InterruptedException {
    byte[] output = "caf\u00e9 \u2713\n".getBytes(StandardCharsets.UTF_8);
    OutputRelay relay = OutputRelay.start(new ByteArrayInputStream(output), new PrintWriter(err, true), "test-relay");
    assertTrue(relay.awaitEnd(Long.MAX_VALUE));
    assertEquals("caf\u00e9 \u2713", err.toString().strip());
  }
}
