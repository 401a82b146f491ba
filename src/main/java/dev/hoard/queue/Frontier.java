package dev.hoard.queue;

import dev.hoard.plan.Job;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The links a crawl found and has yet to dispatch, first in first out. At most a fixed number wait in memory; the
 * rest go to a temporary file, read back in order as the memory empties, so a site that yields millions of links
 * holds only that many in memory. Safe to share between threads.
 */
final class Frontier implements AutoCloseable {
  /** Jobs held in memory by default: a few hundred KiB of URLs. */
  static final int IN_MEMORY = 2048;

  private final int limit;
  private final Path folder;
  private final Consumer<String> problems;
  private final ArrayDeque<Job> memory = new ArrayDeque<>();
  private Path file;
  private DataOutputStream out;
  private DataInputStream in;
  private long written;
  private long read;
  /** The spill file failed once: from then on everything stays in memory. */
  private boolean memoryOnly;

  /**
   * @param limit jobs held in memory before spilling
   * @param folder where the spill file goes (the system's temporary folder when null)
   * @param problems told once when the spill file cannot be used
   */
  Frontier(int limit, Path folder, Consumer<String> problems) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1: " + limit);
    this.limit = limit;
    this.folder = folder;
    this.problems = problems;
  }

  synchronized void add(Job job) {
    if (written == read && memory.size() < limit || memoryOnly) {
      memory.addLast(job);
      return;
    }
    try {
      if (out == null) open();
      write(out, job);
      written++;
    } catch (IOException e) {
      fail("cannot write the crawl's queue to " + file + ": " + e.getMessage() + "; keeping it in memory");
      memory.addLast(job);
    }
  }

  /** The oldest job waiting, or null when none is. */
  synchronized Job poll() {
    if (memory.isEmpty() && written > read) refill();
    return memory.pollFirst();
  }

  synchronized boolean isEmpty() {
    return memory.isEmpty() && written == read;
  }

  /** Jobs waiting, in memory and spilled. */
  synchronized long size() {
    return memory.size() + written - read;
  }

  /** Jobs waiting in memory now. */
  synchronized int inMemory() {
    return memory.size();
  }

  @Override
  public synchronized void close() {
    memory.clear();
    reset();
  }

  private void open() throws IOException {
    file = folder == null ? Files.createTempFile("hoard-frontier-", ".bin")
        : Files.createTempFile(folder, "hoard-frontier-", ".bin");
    file.toFile().deleteOnExit();
    out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
  }

  /** Reads the next spilled jobs into memory, up to the limit; when the file is read out it is removed. */
  private void refill() {
    try {
      out.flush();
      if (in == null) in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024));
      while (written > read && memory.size() < limit) {
        memory.addLast(read(in));
        read++;
      }
    } catch (IOException e) {
      fail("cannot read the crawl's queue back from " + file + ": " + e.getMessage() + "; "
          + (written - read) + " found links are dropped");
      read = written;
    }
    if (written == read) reset();
  }

  private void reset() {
    closeQuietly(in);
    closeQuietly(out);
    in = null;
    out = null;
    if (file != null) file.toFile().delete();
    file = null;
    written = 0;
    read = 0;
  }

  private void fail(String message) {
    if (!memoryOnly) problems.accept(message);
    memoryOnly = true;
  }

  private static void write(DataOutputStream out, Job job) throws IOException {
    writeString(out, job.url().toString());
    writeString(out, job.parent() == null ? null : job.parent().toString());
    writeString(out, job.root().toString());
    writeString(out, job.scope().equals(job.root()) ? null : job.scope().toString());
    writeString(out, job.out());
    writeString(out, job.sha256());
    out.writeInt(job.depth());
    out.writeBoolean(job.requisite());
  }

  private static Job read(DataInputStream in) throws IOException {
    URI url = URI.create(readString(in));
    String parent = readString(in);
    URI root = URI.create(readString(in));
    String scope = readString(in);
    String outName = readString(in);
    String sha256 = readString(in);
    int depth = in.readInt();
    boolean requisite = in.readBoolean();
    return new Job(url, outName, sha256, depth, parent == null ? null : URI.create(parent), root,
        scope == null ? root : URI.create(scope), requisite);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) return null;
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception ignored) {
      // the file is being thrown away
    }
  }
}
