package dev.hoard.queue;

import dev.hoard.crawl.HostPacer;
import dev.hoard.crawl.Link;
import dev.hoard.crawl.LinkReader;
import dev.hoard.crawl.Robots;
import dev.hoard.crawl.RobotsFile;
import dev.hoard.crawl.Scope;
import dev.hoard.crawl.Sitemaps;
import dev.hoard.download.Landed;
import dev.hoard.fetch.Failure;
import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.Response;
import dev.hoard.plan.Job;
import dev.hoard.report.DownloadResult;
import dev.hoard.report.Listener;
import dev.hoard.runtime.Threads;
import dev.hoard.url.Redact;
import dev.hoard.store.ConvertedMark;
import dev.hoard.store.MirrorPath;
import dev.hoard.store.ServedAs;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code -r} and {@code -p}: wires the crawl package into the scheduler. Listed and found URLs land in a mirror tree;
 * a found link is fetched when it is in scope, within {@code -l}, allowed by robots.txt and under the page cap (a
 * requisite of a page, with {@code -p}, past {@code -l}, {@code --no-parent} and {@code -A}); finished pages and
 * stylesheets yield their links, read from the saved copy; a page fetched only to find links (outside {@code -A}) is
 * deleted afterwards, as wget does. Found links wait in a {@link Frontier}; what is remembered of every URL is a
 * 64-bit hash, so memory stays flat on big sites.
 */
final class Crawling implements Scheduler.Crawl {
  private final Fetcher fetcher;
  private final Listener listener;
  private final RunOptions.CrawlOptions options;
  private final Scope scope;
  /** What a requisite must pass with {@code -p}: the host rule and {@code -R}, but no {@code --no-parent} or -A. */
  private final Scope requisiteScope;
  private final LinkReader reader;
  /**
   * Pages parsed at once: no more than there are cores. Parsing is CPU work, so more at once would not finish sooner,
   * and each parse in flight holds a whole page's tree: with {@code -j 16} on two cores, eight times the heap.
   */
  /** robots.txt files fetched for their {@code Sitemap:} lines, kept until the rules of their host take them. */
  private final Map<URI, Sitemaps.Answer> robotsReadForSitemaps = new ConcurrentHashMap<>();
  private final Semaphore parsing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
  private final Robots robots;
  private final HostPacer pacer;
  private final ExecutorService robotsFetches = Executors.newCachedThreadPool(Threads.daemon("hoard-robots"));
  private final Path root;
  private final MirrorFiles mirror;
  private final Frontier frontier;
  private final LinkConversion conversion;
  private final Sitemaps sitemaps;
  /** The origins whose sitemaps were read (or are being read). */
  private final Set<String> sitemapOrigins = ConcurrentHashMap.newKeySet();
  private final Set<URI> traverseOnly = ConcurrentHashMap.newKeySet();
  private final AtomicInteger pages = new AtomicInteger();
  private final AtomicBoolean capReported = new AtomicBoolean();
  /**
   * The found links queued so far, by hash of URL and scope: {@code depth << 1 | requisite}. A link met again no
   * sooner, and no more a requisite, could only be turned away or found a duplicate: it is dropped before it queues.
   */
  private final LongLongMap queued = new LongLongMap();
  /**
   * Pages fetched at the last level of {@code -l}, whose links were not followed: {@code depth << 3 | saved << 2 |
   * format}, {@code saved} when the page was a copy saved by an earlier run.
   */
  private final LongLongMap cut = new LongLongMap();
  /** The URLs those of them that were redirected came from in the end: their links resolve against it. */
  private final Map<Long, URI> cutBase = new ConcurrentHashMap<>();

  private Crawling(Fetcher fetcher, Listener listener, RunOptions.CrawlOptions options, Path root) {
    this.fetcher = fetcher;
    this.listener = listener;
    this.options = options;
    this.scope = new Scope(options.spanHosts(), options.noParent(), options.accept(), options.reject());
    this.requisiteScope = new Scope(options.spanHosts(), false, List.of(), options.reject());
    this.reader = new LinkReader(options.select());
    this.robots = options.robots() ? new Robots(this::fetchRobots, listener::problem) : null;
    this.pacer = options.pause().isZero() ? null : HostPacer.system(options.pause());
    this.root = root;
    this.mirror = new MirrorFiles(root);
    this.frontier = new Frontier(Frontier.IN_MEMORY, null, listener::problem);
    this.conversion = options.convertLinks() ? new LinkConversion(root, mirror, listener) : null;
    this.sitemaps = options.sitemap() ? new Sitemaps(this::fetchSitemap) : null;
  }

  /**
   * The crawl of a run.
   *
   * @param root the download folder, where the mirror tree lies
   */
  static Crawling create(Fetcher fetcher, Listener listener, RunOptions.CrawlOptions options, Path root) {
    return new Crawling(fetcher, listener, options, root);
  }

  @Override
  public String pathOf(Job job) {
    return MirrorPath.of(job.url()).toString().replace(File.separatorChar, '/');
  }

  @Override
  public boolean admit(Job job) {
    try {
      boolean traverse = !job.requisite() && !scope.keep(job.url());
      if (job.depth() > 0) {
        if (!inScope(job)) return false;
        if (robots != null && !robots.allowed(job.url())) return false;
      }
      // links turned away are met again and again: count only what is admitted, so the count never wraps
      if (pages.get() >= options.maxPages()) {
        noteCap();
        return false;
      }
      pages.incrementAndGet();
      if (traverse) traverseOnly.add(job.url());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The checks of a found link that ask no server: depth, hosts, folders, {@code -A} and {@code -R}. */
  private boolean inScope(Job job) {
    if (job.requisite()) return requisiteScope.follow(job.url(), job.scope()) && requisiteScope.keep(job.url());
    if (job.depth() > options.level() || !scope.follow(job.url(), job.scope())) return false;
    if (scope.keep(job.url())) return true;
    // fetched only for its links: pointless at the last level
    return scope.fetchToTraverse(job.url()) && job.depth() < options.level();
  }

  private void noteCap() {
    if (capReported.compareAndSet(false, true)) {
      listener.problem("crawl stopped growing at --max-pages=" + options.maxPages() + " URLs");
    }
  }

  @Override
  public void queue(List<Job> found) {
    for (Job job : found) offer(job);
  }

  /** Queues a found link, unless no dispatch could take it. */
  private void offer(Job job) {
    if (pages.get() >= options.maxPages()) {
      noteCap();
      return;
    }
    if (!inScope(job)) return;
    long key = Names.hash(job.url() + "\n" + job.scope());
    synchronized (queued) {
      long had = queued.get(key);
      if (had != LongLongMap.MISSING && had >> 1 <= job.depth() && ((had & 1) == 1 || !job.requisite())) return;
      queued.put(key, job.depth() << 1 | (job.requisite() ? 1 : 0));
    }
    frontier.add(job);
  }

  @Override
  public Job next() {
    return frontier.poll();
  }

  @Override
  public boolean hasQueued() {
    return !frontier.isEmpty();
  }

  @Override
  public List<Job> linksOf(Job job, Landed done) {
    if (done.file() == null || !Files.isRegularFile(done.file())) return List.of();
    LinkReader.Format format = format(done.contentType(), job.url(), done.file());
    if (format == LinkReader.Format.NONE) return List.of();
    URI base = done.finalUrl() != null ? done.finalUrl() : job.url();
    boolean savedCopy = done.result().status() == DownloadResult.Status.SKIPPED;
    return links(job, done.file(), format, done.contentType(), base, savedCopy);
  }

  /**
   * The jobs the links of a page or stylesheet lead to; at the last level of {@code -l} only its requisites (with
   * {@code -p}), and it is remembered in case a shorter path reaches it later.
   *
   * @param savedCopy the file was saved by an earlier run: its links may have been rewritten by
   *     {@code --convert-links}, and lead back to the URLs they were
   */
  private List<Job> links(Job job, Path file, LinkReader.Format format, String type, URI base, boolean savedCopy) {
    boolean last = job.depth() >= options.level();
    if (last && options.level() != Integer.MAX_VALUE) {
      long key = Names.hash(job.url().toString());
      synchronized (cut) {
        cut.put(key, (long) job.depth() << 3 | (savedCopy ? 4 : 0) | format.ordinal());
      }
      if (!base.equals(job.url())) cutBase.put(key, base);
    }
    if (last && !options.requisites()) return List.of();
    try {
      // a listed page that redirected to another host (example.com → www.example.com) is crawled where it landed
      Job from = job.depth() == 0 && !sameHost(base, job.url()) ? job.scopedTo(base) : job;
      List<Job> out = new ArrayList<>();
      // a page --convert-links rewrote leads to local files: each link stands for the URL its file records
      boolean converted = savedCopy && ConvertedMark.isSet(file);
      List<Link> found;
      parsing.acquire();
      try {
        // its links were made relative to where the file lies, and its <base href> emptied
        found = reader.read(file, format, type, converted ? job.url() : base, options.requisites());
      } finally {
        parsing.release();
      }
      for (Link link : found) {
        boolean requisite = options.requisites() && link.requisite();
        if (last && !requisite) continue;
        URI url = converted ? mirror.beforeConversion(link.url())
            : savedCopy ? mirror.original(link.url()) : link.url();
        out.add(from.child(url, requisite));
      }
      return out;
    } catch (InterruptedException e) {
      // the run is stopping: its links are not wanted any more
      Thread.currentThread().interrupt();
      return List.of();
    } catch (IOException | RuntimeException e) {
      listener.problem(Redact.url(job.url()) + ": cannot read links: " + Failure.describe(e));
      return List.of();
    }
  }

  @Override
  public void beforeFetch(Job job) throws InterruptedException {
    // on the job's own thread: a wait for one host never holds up the dispatch of another host's links
    if (pacer != null) pacer.await(job.url().getHost());
    if (sitemaps != null && job.depth() == 0 && sitemapOrigins.add(origin(job.url()))) {
      // what the sitemaps list joins the links the page will give, as if the page had linked it
      Sitemaps.Outcome o = sitemaps.walk(job.url(), url -> offer(job.child(url)));
      for (String problem : o.problems()) listener.problem(problem);
    }
  }

  @Override
  public List<Job> reachedSooner(Job job) {
    long key = Names.hash(job.url().toString());
    long c;
    synchronized (cut) {
      c = cut.get(key);
      if (c == LongLongMap.MISSING || job.depth() >= c >> 3) return List.of();
      cut.remove(key);
    }
    URI base = cutBase.remove(key);
    Path file = mirror.find(job.url());
    if (file == null) return List.of();
    LinkReader.Format format = LinkReader.Format.values()[(int) (c & 3)];
    // a saved copy is read as one: --convert-links may have rewritten its links
    return links(job, root.resolve(file), format, ServedAs.of(root.resolve(file)).contentType(),
        base == null ? job.url() : base, (c & 4) != 0);
  }

  @Override
  public boolean after(Job job, Landed done) {
    if (traverseOnly.remove(job.url())) {
      if (done.result().status() == DownloadResult.Status.OK && done.file() != null) {
        try {
          return Files.deleteIfExists(done.file());
        } catch (IOException e) {
          listener.problem(done.file() + ": cannot remove a page fetched only for its links: " + e.getMessage());
        }
      }
      return false;
    }
    if (conversion != null && done.result().status() != DownloadResult.Status.FAILED && done.file() != null
        && Files.isRegularFile(done.file())) {
      // a page converted before has links relative to where it lies, and no <base href> any more
      boolean converted = done.result().status() == DownloadResult.Status.SKIPPED && ConvertedMark.isSet(done.file());
      conversion.note(done.file(), format(done.contentType(), job.url(), done.file()),
          done.finalUrl() != null && !converted ? done.finalUrl() : job.url(), done.contentType());
    }
    return false;
  }

  @Override
  public void moved(String from, String to) {
    if (conversion != null) conversion.moved(Path.of(from), Path.of(to));
  }

  @Override
  public void finished(boolean stopped) {
    frontier.close();
    if (conversion == null) return;
    try {
      if (stopped) listener.problem("links not converted: the run was stopped; the same command continues it");
      else conversion.run();
    } finally {
      conversion.close();
    }
  }

  /**
   * What a landed file is read as: its type, the name in its URL ({@code site.css?v=2} lands as
   * {@code site.css@v=2.css}), or (with neither) its first bytes decide.
   */
  static LinkReader.Format format(String contentType, URI url, Path file) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    LinkReader.Format f = LinkReader.format(contentType, path.substring(path.lastIndexOf('/') + 1), false);
    if (f == LinkReader.Format.NONE && contentType == null && sniffsAsHtml(file)) return LinkReader.Format.HTML;
    return f;
  }

  private static boolean sameHost(URI a, URI b) {
    return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
  }

  private static String origin(URI url) {
    return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":"
        + url.getPort();
  }

  /** Tags a page may start with, after a BOM and blanks, as browsers sniff text/html (WHATWG MIME Sniffing). */
  private static final List<String> HTML_STARTS = List.of("<!doctype html", "<html", "<head", "<script", "<iframe",
      "<h1", "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p");

  /** Whether the file starts like an HTML page: {@code /about} saved by an earlier run has no name to go by. */
  static boolean sniffsAsHtml(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(512);
    } catch (IOException e) {
      return false;
    }
    String s = new String(head, StandardCharsets.ISO_8859_1);
    if (s.startsWith("\u00ef\u00bb\u00bf")) s = s.substring(3);
    s = s.stripLeading().toLowerCase(Locale.ROOT);
    if (s.startsWith("<!--")) return true;
    for (String tag : HTML_STARTS) {
      if (!s.startsWith(tag) || s.length() == tag.length()) continue;
      char after = s.charAt(tag.length());
      if (after == '>' || Character.isWhitespace(after)) return true;
    }
    return false;
  }

  /** Fetches a robots.txt like any request (the stall rule watches it), its body capped. */
  private Optional<RobotsFile> fetchRobots(URI robotsUrl) throws IOException, InterruptedException {
    Sitemaps.Answer read = robotsReadForSitemaps.remove(robotsUrl);
    if (read != null) {
      byte[] body = read.body().length > Robots.MAX_BYTES ? Arrays.copyOf(read.body(), Robots.MAX_BYTES) : read.body();
      return Optional.of(new RobotsFile(read.status(), body, read.contentType()));
    }
    // a request to the host like any other: --wait spaces it from the others
    if (pacer != null) pacer.await(robotsUrl.getHost());
    try (Response r = fetcher.open("GET", robotsUrl, List.of(), HomeHeaders.none())) {
      byte[] body = readAtMost(r, Robots.MAX_BYTES);
      if (body.length > Robots.MAX_BYTES) body = Arrays.copyOf(body, Robots.MAX_BYTES);
      return Optional.of(new RobotsFile(r.status(), body, r.header("Content-Type")));
    } catch (IOException e) {
      throw new IOException(Failure.describe(e), e);
    }
  }

  private Sitemaps.Answer fetchSitemap(URI url, int maxBytes) throws IOException {
    try (Response r = fetcher.open("GET", url, List.of(), HomeHeaders.none())) {
      byte[] body = readAtMost(r, maxBytes);
      Sitemaps.Answer answer = new Sitemaps.Answer(r.status(), body, r.header("Content-Type"));
      // the rules of the host will want the same file: robots.txt is fetched once per run
      if (robots != null && "/robots.txt".equals(url.getRawPath())) robotsReadForSitemaps.put(url, answer);
      return answer;
    }
  }

  /**
   * Up to {@code max} bytes of {@code r}'s body, and one more when there are more. Closing a body read only in part
   * reads the rest of it, and a body that never ends would hold the crawl for ever: only a body read to its end gives
   * its connection back; the other is dropped when {@code r} closes.
   */
  private static byte[] readAtMost(Response r, int max) throws IOException {
    byte[] body = r.body().readNBytes(max + 1);
    if (body.length <= max) r.release();
    return body;
  }

  @Override
  public CompletionStage<?> waitFor(Job job) {
    // robots.txt is fetched off the dispatching thread: a slow one holds up only the links of its own host
    if (robots == null || job.depth() == 0 || !inScope(job)) return null;
    return robots.ready(job.url(), robotsFetches);
  }
}
