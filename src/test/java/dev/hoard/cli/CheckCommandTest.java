package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.Main;
import dev.hoard.check.HangingServer;
import dev.hoard.check.Sites;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckCommandTest {
  @TempDir Path dir;
  private Sites sites;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    sites = new Sites();
  }

  @AfterEach
  void stop() {
    sites.close();
  }

  private int hoard(String... args) {
    return hoard(InputStream.nullInputStream(), args);
  }

  private int hoard(InputStream in, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), in, all);
  }

  private List<String> outLines() {
    return out.toString().lines().toList();
  }

  @Test
  void exitsZeroAndSaysUpWhenEverySiteIsUp() {
    int code = hoard(sites.url("/ok"), sites.url("/moved"), sites.url("/no-head"));
    assertEquals(0, code, err.toString());
    List<String> lines = outLines();
    assertEquals(4, lines.size(), out.toString());
    for (String line : lines.subList(0, 3)) assertTrue(line.startsWith("up    200"), line);
    assertTrue(lines.get(3).startsWith("3 checked: 3 up, 0 down in "), lines.get(3));
  }

  @Test
  void exitsOneAndGivesEachDownSiteItsReason() throws IOException {
    String refused = HangingServer.closedPortUrl();
    int code = hoard("--retries=0", sites.url("/ok"), sites.url("/missing"), sites.url("/broken"), refused);
    assertEquals(1, code, err.toString());
    List<String> lines = outLines();
    assertTrue(lines.get(0).startsWith("up    200"), lines.get(0));
    assertTrue(lines.get(1).startsWith("down  404") && lines.get(1).endsWith(sites.url("/missing") + "  404 Client Error"),
        lines.get(1));
    assertTrue(lines.get(2).startsWith("down  500") && lines.get(2).endsWith("500 Server Error"), lines.get(2));
    assertTrue(lines.get(3).startsWith("down    -") && lines.get(3).endsWith(refused + "  connection refused"),
        lines.get(3));
    assertTrue(lines.get(4).startsWith("4 checked: 1 up, 3 down in "), lines.get(4));
  }

  @Test
  void aServerThatNeverAnswersIsDownAfterTheTimeout() throws IOException {
    try (HangingServer hanging = new HangingServer()) {
      int code = hoard("--timeout=300ms", "--retries=0", hanging.url("/"));
      assertEquals(1, code);
      assertTrue(outLines().get(0).contains("timed out"), out.toString());
    }
  }

  @Test
  void jsonPrintsOneObjectPerCheckAndTheSummaryLast() throws IOException {
    int code = hoard("--json", "--retries=0", sites.url("/ok"), sites.url("/missing"));
    assertEquals(1, code);
    List<String> lines = outLines();
    assertEquals(3, lines.size(), out.toString());
    Map<String, Object> up = JSON.std.mapFrom(lines.get(0));
    assertEquals(sites.url("/ok"), up.get("url"));
    assertEquals("up", up.get("state"));
    assertEquals(200, up.get("http"));
    assertTrue(up.get("ms") instanceof Number);
    assertEquals(false, up.containsKey("error"));
    Map<String, Object> down = JSON.std.mapFrom(lines.get(1));
    assertEquals("down", down.get("state"));
    assertEquals("404 Client Error", down.get("error"));
    Map<String, Object> summary = JSON.std.mapFrom(lines.get(2));
    assertEquals(true, summary.get("summary"));
    assertEquals(1, summary.get("up"));
    assertEquals(1, summary.get("down"));
    assertTrue(summary.get("ms") instanceof Number);
    assertEquals("", err.toString());
  }

  @Test
  void aBadLineOfTheLinksFileIsReportedWithItsNumberAndTheOthersStillChecked() throws IOException {
    Path links = dir.resolve("links.txt");
    Files.writeString(links, "# sites\n" + sites.url("/ok") + "\nftp://files.test/x\n" + sites.url("/moved") + "\n");
    int code = hoard("-i", links.toString());
    assertEquals(1, code);
    assertEquals(links + ":3: not an http or https URL: 'ftp://files.test/x'", err.toString().strip());
    assertTrue(outLines().get(2).startsWith("2 checked: 2 up, 0 down"), out.toString());
  }

  @Test
  void theLinksFileCanComeFromStandardInput() {
    InputStream in = new ByteArrayInputStream((sites.url("/ok") + "\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(0, hoard(in, "-i", "-"));
    assertTrue(outLines().get(0).startsWith("up    200"), out.toString());
  }

  @Test
  void aMissingLinksFileIsAUsageError() {
    assertEquals(2, hoard("-i", dir.resolve("nope.txt").toString()));
    assertTrue(err.toString().contains("no such file"), err.toString());
  }

  @Test
  void theNotifyCommandRunsOncePerSiteFoundDown() throws IOException {
    Path log = dir.resolve("changes.log");
    int code = hoard("--retries=0", "--notify-cmd=echo \"$HOARD_STATE $HOARD_HTTP $HOARD_URL\" >> '" + log + "'",
        sites.url("/ok"), sites.url("/missing"));
    assertEquals(1, code);
    assertEquals(List.of("down 404 " + sites.url("/missing")), Files.readAllLines(log));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--jobs=0|--jobs",
      "--jobs=many|--jobs",
      "--jobs=5000|--jobs",
      "--timeout=soon|--timeout",
      "--timeout=0s|--timeout",
      "--retries=-1|--retries",
      "--watch=0ms|--watch",
      "--watch=daily|--watch",
      "--webhook=ftp://hooks.test/|--webhook",
      "--notify-cmd=  |--notify-cmd",
  })
  void aBadValueIsAUsageErrorNamingTheOption(String arg, String option) {
    assertEquals(2, hoard(arg, sites.url("/ok")));
    assertTrue(err.toString().contains(option), err.toString());
    assertEquals(List.of(), sites.methods("/ok"));
  }

  @Test
  void aWatchEndsWithZeroWhenInterrupted() {
    Interrupt interrupt = new Interrupt();
    // the interrupt comes as soon as the first round's summary is out, as a user's Ctrl-C would
    PrintWriter watching = new PrintWriter(out, true) {
      @Override public void println(String line) {
        super.println(line);
        if (line.contains(" checked: ")) interrupt.raise();
      }
    };
    int code = Cli.run(watching, new PrintWriter(err, true), InputStream.nullInputStream(), interrupt, false, Map.of(),
        "check", "--watch=1h", "--retries=0", sites.url("/ok"), sites.url("/missing"));
    assertEquals(0, code, err.toString());
    assertEquals(3, outLines().size(), out.toString());
  }

  @Test
  void aSinglePassEndsWith130WhenInterrupted() {
    Interrupt interrupt = new Interrupt();
    interrupt.raise();
    int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), InputStream.nullInputStream(), interrupt,
        false, Map.of(), "check", sites.url("/ok"));
    assertEquals(130, code);
    assertEquals(List.of(), sites.methods("/ok"));
  }

  @Test
  void helpDescribesTheOptions() {
    assertEquals(0, hoard("--help"));
    for (String option : List.of("--jobs", "--timeout", "--retries", "--watch", "--notify-cmd", "--webhook", "--json")) {
      assertTrue(out.toString().contains(option), option);
    }
  }
}
