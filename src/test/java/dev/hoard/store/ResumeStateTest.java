package dev.hoard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.chunk.ByteRange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResumeStateTest {
  private static final String URL = "https://user:***@example.com/big.iso";
  private static final String OK = "{\"hoard\":1,\"url\":\"" + URL + "\",\"length\":1000,\"done\":[[0,100],[200,300]]}";

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("big.iso.part.state");
  }

  private ResumeState.Loaded loadText(String text, long partSize) throws IOException {
    Files.writeString(file(), text);
    return ResumeState.load(file(), URL, partSize);
  }

  private static void assertUnusable(ResumeState.Loaded loaded, String why) {
    assertNull(loaded.state(), "a state was accepted: " + why);
    assertNotNull(loaded.problem(), why);
    assertTrue(loaded.problem().startsWith("resume state unusable, starting over: "), loaded.problem());
  }

  @Test
  void aSavedStateLoadsBackWithEveryField() throws IOException {
    ResumeState s = new ResumeState(URL, 1000, "\"abc\"", "Wed, 21 Oct 2015 07:28:00 GMT",
        List.of(new ByteRange(0, 100), new ByteRange(200, 300)));
    s.save(file());
    ResumeState.Loaded loaded = ResumeState.load(file(), URL, 300);
    assertNull(loaded.problem());
    ResumeState back = loaded.state();
    assertEquals(URL, back.url());
    assertEquals(1000, back.length());
    assertEquals("\"abc\"", back.etag());
    assertEquals("Wed, 21 Oct 2015 07:28:00 GMT", back.lastModified());
    assertEquals(2, back.done().size());
    assertEquals(new ByteRange(0, 100), back.done().get(0));
    assertEquals(new ByteRange(200, 300), back.done().get(1));
    assertEquals(200, back.written());
  }

  @Test
  void eachMirrorsValidatorsLoadBackAndAreFoundByItsUrl() throws IOException {
    String b = "https://b.example/big.iso";
    String c = "https://c.example/pub/big.iso";
    ResumeState s = new ResumeState(URL, 1000, "\"a\"", null, List.of(new ByteRange(0, 100)),
        List.of(new ResumeState.Mirror(b, "\"b\"", null), new ResumeState.Mirror(c, null, "Wed, 21 Oct 2015 07:28:00 GMT")));
    s.save(file());

    ResumeState back = ResumeState.load(file(), URL, 100).state();

    assertEquals(s, back);
    assertEquals(new ResumeState.Mirror(URL, "\"a\"", null), back.mirror(URL));
    assertEquals("\"b\"", back.mirror(b).etag());
    assertEquals("Wed, 21 Oct 2015 07:28:00 GMT", back.mirror(c).lastModified());
    assertNull(back.mirror("https://d.example/big.iso"), "a mirror that never answered is not known");
  }

  @Test
  void aStateOfOneUrlWritesNoMirrors() throws IOException {
    new ResumeState(URL, 1000, null, null, List.of()).save(file());
    assertFalse(Files.readString(file()).contains("mirrors"), Files.readString(file()));
  }

  @Test
  void aStateWithoutValidatorsOrRangesLoadsBack() throws IOException {
    new ResumeState(URL, 5, null, null, List.of()).save(file());
    ResumeState back = ResumeState.load(file(), URL, 0).state();
    assertNull(back.etag());
    assertNull(back.lastModified());
    assertEquals(List.of(), back.done());
  }

  @Test
  void savingReplacesTheOldStateAndLeavesNoTempFile() throws IOException {
    new ResumeState(URL, 1000, null, null, List.of(new ByteRange(0, 10))).save(file());
    new ResumeState(URL, 1000, null, null, List.of(new ByteRange(0, 20))).save(file());
    assertEquals(20, ResumeState.load(file(), URL, 20).state().written());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file()), files.toList());
    }
  }

  @Test
  void noStateFileIsNeitherAStateNorAProblem() {
    ResumeState.Loaded loaded = ResumeState.load(file(), URL, 0);
    assertNull(loaded.state());
    assertNull(loaded.problem());
  }

  @Test
  void everyTruncationOfAStateIsRejected() throws IOException {
    for (int n = 0; n < OK.length(); n++) {
      assertUnusable(loadText(OK.substring(0, n), 1000), "truncated to " + n + " chars: " + OK.substring(0, n));
    }
    assertNotNull(loadText(OK, 1000).state(), "the whole text must load");
  }

  @Test
  void garbageIsRejected() throws IOException {
    byte[] noise = new byte[512];
    new Random(7).nextBytes(noise);
    Files.write(file(), noise);
    assertUnusable(ResumeState.load(file(), URL, 1000), "random bytes");
    Files.write(file(), new byte[64]);
    assertUnusable(ResumeState.load(file(), URL, 1000), "zeros, as a crash can leave a file");
    Files.write(file(), "hello".getBytes(StandardCharsets.UTF_8));
    assertUnusable(ResumeState.load(file(), URL, 1000), "text");
  }

  @Test
  void aStateLargerThanHoardWritesIsRejectedUnread() throws IOException {
    // a valid state padded with spaces past the limit: only its size can reject it; a sparse file keeps the test cheap
    try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(OK.getBytes(StandardCharsets.UTF_8)));
      channel.write(ByteBuffer.wrap(new byte[] {' '}), 3L << 30);
    }
    ResumeState.Loaded loaded = ResumeState.load(file(), URL, 1000);
    assertUnusable(loaded, "a 3 GiB state");
    assertTrue(loaded.problem().contains("larger than any state hoard writes"), loaded.problem());
    Files.writeString(file(), OK + " ".repeat((int) ResumeState.MAX_BYTES - OK.length()));
    assertNotNull(ResumeState.load(file(), URL, 1000).state(), "a state at the limit is read");
  }

  @Test
  void aStateForAnotherUrlIsRejectedAndNamesIt() throws IOException {
    Files.writeString(file(), OK);
    ResumeState.Loaded loaded = ResumeState.load(file(), "https://user:***@example.com/other.iso", 1000);
    assertUnusable(loaded, "another URL");
    assertTrue(loaded.problem().contains("another URL"), loaded.problem());
  }

  @Test
  void aStateClaimingBytesPastThePartFilesEndIsRejected() throws IOException {
    assertNotNull(loadText(OK, 300).state(), "claims up to the part's end are fine");
    assertUnusable(loadText(OK, 299), "claims past the part file's end");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a top-level array          | [1,2,3]",
      "no version                 | {\"url\":\"URL\",\"length\":1000,\"done\":[]}",
      "another version            | {\"hoard\":2,\"url\":\"URL\",\"length\":1000,\"done\":[]}",
      "no url                     | {\"hoard\":1,\"length\":1000,\"done\":[]}",
      "a url that is not a string | {\"hoard\":1,\"url\":7,\"length\":1000,\"done\":[]}",
      "no length                  | {\"hoard\":1,\"url\":\"URL\",\"done\":[]}",
      "a length below -1          | {\"hoard\":1,\"url\":\"URL\",\"length\":-2,\"done\":[]}",
      "a fractional length        | {\"hoard\":1,\"url\":\"URL\",\"length\":1.5,\"done\":[]}",
      "no ranges                  | {\"hoard\":1,\"url\":\"URL\",\"length\":1000}",
      "ranges that are not a list | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":{}}",
      "a range of three numbers   | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":[[0,1,2]]}",
      "an empty range             | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":[[5,5]]}",
      "a backwards range          | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":[[9,5]]}",
      "a negative start           | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":[[-1,5]]}",
      "overlapping ranges         | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":[[0,10],[5,20]]}",
      "unsorted ranges            | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":[[20,30],[0,10]]}",
      "a range past the length    | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":[[0,1001]]}",
      "fractional offsets         | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":[[0,10.5]]}",
      "offsets as strings         | {\"hoard\":1,\"url\":\"URL\",\"length\":1000,\"done\":[[\"0\",\"10\"]]}",
      "a gap with unknown length  | {\"hoard\":1,\"url\":\"URL\",\"length\":-1,\"done\":[[10,20]]}",
  })
  void aMalformedStateIsRejected(String why, String json) throws IOException {
    assertUnusable(loadText(json.replace("URL", URL), 2000), why);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "mirrors not a list | \"mirrors\":{}",
      "a mirror not an object | \"mirrors\":[\"https://b.example/x\"]",
      "a mirror without url | \"mirrors\":[{\"etag\":\"x\"}]"})
  void aMalformedMirrorListIsRejected(String why, String mirrors) throws IOException {
    assertUnusable(loadText(OK.substring(0, OK.length() - 1) + "," + mirrors + "}", 1000), why);
  }

  @Test
  void adjacentRangesAndAnUnknownLengthPrefixAreAccepted() throws IOException {
    assertNotNull(loadText("{\"hoard\":1,\"url\":\"" + URL + "\",\"length\":1000,\"done\":[[0,10],[10,20]]}", 20)
        .state());
    assertNotNull(loadText("{\"hoard\":1,\"url\":\"" + URL + "\",\"length\":-1,\"done\":[[0,20]]}", 20).state());
  }

  @Test
  void aStateFolderThatCannotBeReadIsAProblemNotACrash() throws IOException {
    Files.createDirectory(file());
    ResumeState.Loaded loaded = ResumeState.load(file(), URL, 0);
    assertNull(loaded.state());
    assertNotNull(loaded.problem());
    assertFalse(loaded.problem().isBlank());
  }

  /** A FIFO under the state's name has no writer: reading it would wait for ever. It is reported, not read. */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoUnderTheStatesNameIsUnusableNotWaitedOn() throws Exception {
    assertEquals(0, new ProcessBuilder("mkfifo", file().toString()).start().waitFor());
    assertUnusable(ResumeState.load(file(), URL, 1000), "a FIFO");
  }
}
