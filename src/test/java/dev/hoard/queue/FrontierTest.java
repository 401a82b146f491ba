package dev.hoard.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.plan.Job;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontierTest {
  @TempDir Path tmp;
  private final List<String> problems = new ArrayList<>();

  private static final Job PAGE = Job.listed(URI.create("http://h/"), null, null);

  @Test
  void keepsFirstInFirstOutAcrossMemoryAndTheSpillFile() {
    try (Frontier f = new Frontier(3, tmp, problems::add)) {
      List<Job> in = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Job j = PAGE.child(URI.create("http://h/" + i), i % 2 == 0);
        in.add(j);
        f.add(j);
      }
      assertEquals(3, f.inMemory());
      assertEquals(10, f.size());
      List<Job> out = new ArrayList<>();
      // interleaved: what comes while the spill is read back still queues behind it
      for (int i = 0; i < 4; i++) out.add(f.poll());
      Job late = PAGE.child(URI.create("http://h/late"));
      in.add(late);
      f.add(late);
      for (Job j = f.poll(); j != null; j = f.poll()) out.add(j);
      assertEquals(in, out);
      assertTrue(f.isEmpty());
      assertEquals(List.of(), problems);
    }
  }

  @Test
  void aSpilledJobComesBackWithEveryField() {
    Job listed = new Job(URI.create("http://h/a?q=é"), "out.bin", "ab".repeat(32), 0, null,
        URI.create("http://user:pw@h/"), URI.create("http://www.h/"), false);
    Job found = new Job(URI.create("http://h/b"), null, null, 7, URI.create("http://h/a"), URI.create("http://h/"),
        URI.create("http://h/"), true);
    try (Frontier f = new Frontier(1, tmp, problems::add)) {
      f.add(PAGE);
      f.add(listed);
      f.add(found);
      assertEquals(PAGE, f.poll());
      assertEquals(listed, f.poll());
      assertEquals(found, f.poll());
      assertNull(f.poll());
    }
  }

  @Test
  void theSpillFileIsRemovedOnceReadOutAndOnClose() throws IOException {
    Frontier f = new Frontier(1, tmp, problems::add);
    f.add(PAGE);
    f.add(PAGE.child(URI.create("http://h/1")));
    assertEquals(1, files());
    f.poll();
    f.poll();
    assertEquals(0, files());
    f.add(PAGE);
    f.add(PAGE.child(URI.create("http://h/2")));
    assertEquals(1, files());
    f.close();
    assertEquals(0, files());
  }

  @Test
  void aSpillFolderThatCannotBeWrittenKeepsEverythingInMemoryWithOneNote() {
    try (Frontier f = new Frontier(1, tmp.resolve("missing"), problems::add)) {
      for (int i = 0; i < 5; i++) f.add(PAGE.child(URI.create("http://h/" + i)));
      assertEquals(1, problems.size(), problems::toString);
      for (int i = 0; i < 5; i++) assertEquals(URI.create("http://h/" + i), f.poll().url());
    }
  }

  private long files() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.count();
    }
  }
}
