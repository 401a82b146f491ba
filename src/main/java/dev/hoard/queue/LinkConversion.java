package dev.hoard.queue;

import dev.hoard.crawl.CssLinks;
import dev.hoard.crawl.HtmlLinks;
import dev.hoard.crawl.LinkReader;
import dev.hoard.crawl.LinkRewriter;
import dev.hoard.crawl.MirrorLinks;
import dev.hoard.report.Listener;
import dev.hoard.runtime.Threads;
import dev.hoard.store.ConvertedMark;
import dev.hoard.store.Rewrite;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code --convert-links}: notes each HTML page and stylesheet the run saved (or found saved) as it lands, in a
 * temporary file rather than in memory, and when the run ends rewrites their links: a link to a file in the folder
 * becomes the relative path to it, any other link its absolute URL ({@link MirrorLinks}); only the links' text
 * changes ({@link LinkRewriter}), each file is replaced at once ({@link Rewrite}).
 */
final class LinkConversion implements AutoCloseable {
  /** Files larger than this are left as they are: a page of that size is rarely one to browse. */
  static final long MAX_BYTES = 32L << 20;

  /** Where-is answers kept, so a menu linked from every page is looked up on disk once, not once per page. */
  private static final int CACHE = 16_384;

  /** A URL the journal holds at most (its records are modified UTF-8 of at most 64 KiB). */
  private static final int MAX_URL = 16_384;

  private final Path root;
  private final MirrorFiles mirror;
  private final Listener listener;
  /** Files noted, then moved aside for a folder of their name (few): from where to where, relative to the folder. */
  private final Map<Path, Path> moves = new HashMap<>();
  /** The journal's file, open, with no name: nothing is left behind, whatever ends the process. */
  private FileChannel journal;
  private DataOutputStream out;
  private long noted;
  private boolean broken;

  LinkConversion(Path root, MirrorFiles mirror, Listener listener) {
    this.root = root;
    this.mirror = mirror;
    this.listener = listener;
  }

  /**
   * Notes that {@code file} (inside the folder) is to be converted when the run ends.
   *
   * @param base the URL its relative links resolve against: where it was fetched from
   * @param contentType its {@code Content-Type}, whose charset counts, or null
   */
  synchronized void note(Path file, LinkReader.Format format, URI base, String contentType) {
    if (broken || format == LinkReader.Format.NONE) return;
    if (base.toString().length() > MAX_URL) {
      listener.problem(file + ": links not converted: its URL is longer than " + MAX_URL + " characters");
      return;
    }
    try {
      if (out == null) {
        Path named = Files.createTempFile("hoard-convert-", ".bin");
        try {
          journal = FileChannel.open(named, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } finally {
          // unnamed at once: a run killed with SIGKILL leaves no journal in the temporary folder
          Files.deleteIfExists(named);
        }
        out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(journal), 64 * 1024));
      }
      out.writeUTF(root.relativize(file).toString());
      out.writeUTF(format.name());
      out.writeUTF(base.toString());
      out.writeUTF(contentType == null ? "" : contentType);
      noted++;
    } catch (IOException | IllegalArgumentException e) {
      broken = true;
      listener.problem("--convert-links: cannot note the saved pages in a temporary file (" + e.getMessage()
          + "); links will not be converted");
    }
  }

  /** A file noted before moved from {@code from} to {@code to}, both relative to the folder. */
  synchronized void moved(Path from, Path to) {
    moves.put(from, to);
  }

  /** Where the file noted at {@code relative} is now. */
  private Path now(Path relative) {
    Path at = relative;
    for (int hops = 0; hops <= moves.size() && moves.containsKey(at); hops++) at = moves.get(at);
    return at;
  }

  /**
   * Rewrites the links of every file noted, as many at once as there are cores (each is parsed, which is CPU work);
   * tells how many were converted.
   */
  synchronized void run() {
    if (broken || out == null) return;
    long started = System.nanoTime();
    AtomicInteger converted = new AtomicInteger();
    Map<URI, Path> found = new LinkedHashMap<>(CACHE, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<URI, Path> eldest) {
        return size() > CACHE;
      }
    };
    Path none = Path.of("");
    Function<URI, Path> saved = url -> {
      Path p;
      synchronized (found) {
        p = found.get(url);
      }
      if (p == null) {
        Path f = mirror.find(url);
        p = f == null ? none : f;
        synchronized (found) {
          found.put(url, p);
        }
      }
      return p == none ? null : p;
    };
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.daemon("hoard-convert"));
    // a bounded number of files waiting: the journal may list millions
    Semaphore waiting = new Semaphore(2 * threads);
    try {
      // flushed, not closed: closing the stream would close the journal, whose file has no name to open again
      out.flush();
      out = null;
      journal.position(0);
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(journal),
          64 * 1024))) {
        for (long i = 0; i < noted; i++) {
          Path relative = now(Path.of(in.readUTF()));
          LinkReader.Format format = LinkReader.Format.valueOf(in.readUTF());
          URI base = URI.create(in.readUTF());
          String type = in.readUTF();
          waiting.acquire();
          pool.execute(() -> {
            try {
              if (convert(relative, format, base, type.isEmpty() ? null : type, saved)) converted.incrementAndGet();
            } finally {
              waiting.release();
            }
          });
        }
      }
    } catch (EOFException e) {
      listener.problem("--convert-links: the list of saved pages was cut short; some were not converted");
    } catch (IOException e) {
      listener.problem("--convert-links: cannot read the list of saved pages: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      listener.problem("--convert-links: interrupted; some files were not converted");
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    listener.problem("converted the links of " + converted.get() + " of " + noted + " files in " + ms + " ms");
  }

  /** Waits for the files being converted: each is replaced whole, so one cut short leaves its old bytes. */
  private static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        // a large file on a slow disk: keep waiting, the run is ending anyway
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Converts one file; true when its bytes changed. */
  private boolean convert(Path relative, LinkReader.Format format, URI base, String type,
      Function<URI, Path> saved) {
    Path file = root.resolve(relative);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return false;
      if (Files.size(file) > MAX_BYTES) {
        listener.problem(file + ": links not converted: larger than " + (MAX_BYTES >> 20) + " MiB");
        return false;
      }
      byte[] bytes = Files.readAllBytes(file);
      // converted before (a rerun): its links lead to local files already, and lead there again
      Function<URI, Path> leadsTo = ConvertedMark.isSet(file) ? url -> {
        Path local = mirror.atItsPath(url);
        return local != null ? local : saved.apply(url);
      } : saved;
      MirrorLinks links = new MirrorLinks(relative, leadsTo);
      byte[] after;
      if (format == LinkReader.Format.HTML) {
        Charset charset = HtmlLinks.charset(bytes, type);
        after = LinkRewriter.html(bytes, charset, base, links);
      } else {
        after = LinkRewriter.css(bytes, CssLinks.charset(bytes, type, null), base, links);
      }
      if (after == bytes) return false;
      Rewrite.replace(file, after, true);
      return true;
    } catch (IOException | RuntimeException e) {
      listener.problem(file + ": links not converted: " + e.getMessage());
      return false;
    }
  }

  @Override
  public synchronized void close() {
    out = null;
    try {
      if (journal != null) journal.close();
    } catch (IOException ignored) {
      // the journal had no name: closed or not, it is gone
    }
    journal = null;
  }
}
