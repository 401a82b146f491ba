package dev.hoard.download;

import dev.hoard.chunk.Source;
import dev.hoard.chunk.Sources;
import dev.hoard.fetch.Failure;
import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.RangeRequests;
import dev.hoard.fetch.RemoteFile;
import dev.hoard.fetch.Retrier;
import dev.hoard.fetch.StatusException;
import dev.hoard.store.ResumeState;
import dev.hoard.url.Origin;
import dev.hoard.url.Redact;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The URLs of one download's file (its mirrors; most files have one) and which of them are still in use. The probe
 * goes to the first one left; each connection of the inner pool is given the mirror with the fewest connections; a
 * mirror that fails for good is dropped for the rest of the download, with one message, and the connections on it go
 * on from the others with their pieces. The last mirror left is never dropped: its failure is the download's, told
 * with each mirror's own reason, since the download is reported under the first URL whichever mirror failed last.
 */
final class Mirrors implements Sources {
  /** One URL of the file; once the transfer starts, a source of its byte ranges. */
  static final class Mirror implements Source {
    private final URI url;
    private final String shown;
    private final HomeHeaders home;
    /** What an earlier run learned of the file here, or null. */
    private final RemoteFile earlier;
    private volatile RangeRequests requests;
    private volatile boolean dropped;
    /** Why it was dropped, or why its failure ended the download; null while it serves. Guarded by the Mirrors. */
    private String failure;
    /** The HTTP status of its last answer, 0 while none came. */
    private volatile int status;
    /** Connections fetching from it now; guarded by the {@link Mirrors}. */
    private int assigned;
    /** The last answer of any mirror of the download, shared by them all. */
    private final AtomicInteger lastAnswer;

    private Mirror(URI url, HomeHeaders home, RemoteFile earlier, AtomicInteger lastAnswer) {
      this.url = url;
      this.shown = Redact.url(url);
      this.home = home;
      this.earlier = earlier;
      this.lastAnswer = lastAnswer;
    }

    URI url() {
      return url;
    }

    /** The URL as messages and the resume state show it: its password hidden. */
    String shown() {
      return shown;
    }

    HomeHeaders home() {
      return home;
    }

    /** It answered with HTTP {@code status}. */
    void answered(int status) {
      this.status = status;
      lastAnswer.set(status);
    }

    /** It failed with {@code failure}: when that was an error status, that status was its answer. */
    private void answered(IOException failure) {
      StatusException s = StatusException.in(failure);
      if (s != null) status = s.status();
    }

    @Override
    public Body open(long start, long end) throws IOException {
      // a connection still on a mirror another one dropped: it moves on at once (retryDelay says so)
      if (dropped) throw new IOException("mirror dropped");
      return requests.open(start, end);
    }

    @Override
    public Duration retryDelay(IOException failure, int attempt) throws IOException {
      return dropped ? null : requests.retryDelay(failure, attempt);
    }

    /** The version known here now: learned in this run, else remembered from an earlier one; null if none. */
    RemoteFile known() {
      RangeRequests r = requests;
      return r != null ? r.remote() : earlier;
    }

    @Override
    public String toString() {
      return shown;
    }
  }

  private final String download;
  private final List<Mirror> all = new ArrayList<>();
  private final Consumer<String> problems;
  private final ConcurrencyPolicy policy;
  /** The failures that ended the download, each one the failure of a mirror: see {@link #ended}. */
  private final List<IOException> endings = new ArrayList<>();
  /** The HTTP status of the last answer any mirror gave, 0 while none came. */
  private final AtomicInteger lastAnswer = new AtomicInteger();

  /**
   * @param urls the file's URLs, the one that names it first
   * @param homes the headers that go to each URL's own origin
   * @param earlier what an earlier run learned of the file at a URL (password hidden), or null
   * @param problems where the message of a dropped mirror goes
   */
  Mirrors(List<URI> urls, Function<URI, HomeHeaders> homes, Function<String, RemoteFile> earlier,
      Consumer<String> problems, ConcurrencyPolicy policy) {
    for (URI u : urls) all.add(new Mirror(u, homes.apply(u), earlier.apply(Redact.url(u)), lastAnswer));
    this.download = all.get(0).shown;
    this.problems = problems;
    this.policy = policy;
  }

  /** The first mirror still in use, in the order of the line. */
  synchronized Mirror first() {
    for (Mirror m : all) if (!m.dropped) return m;
    throw new IllegalStateException("no mirror left");
  }

  /** Whether more than one mirror is still in use. */
  synchronized boolean several() {
    return all.stream().filter(m -> !m.dropped).count() > 1;
  }

  /**
   * Drops {@code m} for {@code why}, with a message naming it; false, and nothing dropped, when it is the last mirror
   * left: then its failure is the download's.
   */
  synchronized boolean drop(Mirror m, String why) {
    if (m.dropped) return true;
    if (!several()) return false;
    m.dropped = true;
    m.failure = why;
    problems.accept(download + ": mirror " + m.shown + " dropped: " + why
        + (m.requests == null ? "" : "; its pieces go to the other mirrors"));
    return true;
  }

  /**
   * {@code m} failed for good with {@code failure}: drops it (true) or, when it is the last mirror left, takes that
   * failure as the download's end (false).
   */
  synchronized boolean fail(Mirror m, IOException failure) {
    m.answered(failure);
    if (drop(m, Failure.describe(failure))) return true;
    ended(m, failure);
    return false;
  }

  /**
   * {@code m}'s {@code failure} ends the download: it was the last mirror left, or the one sending the file whole.
   *
   * @return {@code failure}, to throw
   */
  synchronized IOException ended(Mirror m, IOException failure) {
    m.answered(failure);
    m.failure = Failure.describe(failure);
    endings.add(failure);
    return failure;
  }

  /**
   * Why the download failed with {@code failure} when a mirror's failure ended it: each mirror that failed, in line
   * order, with its own reason ({@code all 2 mirrors failed: URL: connection refused; URL: 404 Not Found}). Null when
   * the file has one URL (its failure needs no URL named again) or {@code failure} is no mirror's (a sha256 mismatch,
   * a local error).
   */
  synchronized String failure(IOException failure) {
    if (all.size() == 1 || endings.stream().noneMatch(e -> e == failure)) return null;
    List<String> reasons = new ArrayList<>();
    for (Mirror m : all) {
      if (m.failure == null) continue;
      // a mirror still in use failed last: the failure the download ended with is its own
      reasons.add(m.shown + ": " + (m.dropped ? m.failure : Failure.describe(failure)));
    }
    String failed = reasons.size() == all.size() ? "all " + all.size() : reasons.size() + " of " + all.size();
    return failed + " mirrors failed: " + String.join("; ", reasons);
  }

  /**
   * The HTTP status of the last answer of the first URL, the one the download is reported under; 0 when it gave none
   * (refused, say). Another mirror's answer is never reported as the first URL's.
   */
  int status() {
    return all.get(0).status;
  }

  /** The HTTP status of the last answer any of them gave: the one a finished file came with; 0 when none. */
  int lastAnswer() {
    return lastAnswer.get();
  }

  /**
   * {@code retrier} as the requests to these mirrors use it: while another mirror is left, one that cannot be reached
   * (refused, no such host) is not tried again but dropped, or the piece it holds would wait through its retries.
   */
  Retrier retrying(Retrier retrier) {
    return all.size() == 1 ? retrier : retrier.givingUpAtOnceOn(failure -> Failure.unreachable(failure) && several());
  }

  /**
   * Makes each mirror left a source of byte ranges of the file the probe found: the one that answered the probe (the
   * first one left) as it answered, each other one by the length alone, or with what an earlier run learned of it.
   */
  synchronized void start(RemoteFile probed, Fetcher fetcher, Retrier retrier) {
    Mirror first = first();
    for (Mirror m : all) {
      if (m.dropped) continue;
      RemoteFile known = m == first ? probed
          : new RemoteFile(probed.length(), true, m.earlier == null ? null : m.earlier.etag(),
              m.earlier == null ? null : m.earlier.lastModified());
      m.requests = new RangeRequests(fetcher, retrying(retrier), m.url, m.home, known);
    }
  }

  @Override
  public synchronized Source assign() {
    Mirror least = null;
    for (Mirror m : all) if (!m.dropped && (least == null || m.assigned < least.assigned)) least = m;
    if (least != null) least.assigned++;
    return least;
  }

  @Override
  public synchronized void unassign(Source source) {
    ((Mirror) source).assigned--;
  }

  @Override
  public synchronized Source replace(Source source, IOException failure) {
    Mirror m = (Mirror) source;
    m.assigned--;
    if (!fail(m, failure)) return null;
    return assign();
  }

  /**
   * How many more connections the download may open now, holding {@code held} ({@code -x auto}): what the concurrency
   * policy leaves for each host still in use, added up.
   */
  synchronized int room(int held) {
    if (!several()) return policy.room(first().url, held);
    Map<Origin, Mirror> byOrigin = new LinkedHashMap<>();
    Map<Origin, Integer> heldBy = new LinkedHashMap<>();
    for (Mirror m : all) {
      if (m.dropped) continue;
      byOrigin.putIfAbsent(Origin.of(m.url), m);
      heldBy.merge(Origin.of(m.url), m.assigned, Integer::sum);
    }
    int room = 0;
    for (var e : byOrigin.entrySet()) room += Math.max(0, policy.room(e.getValue().url, heldBy.get(e.getKey())));
    return room;
  }

  /** One URL of each origin among {@code urls}: a download counts as running against each of its hosts once. */
  static List<URI> origins(List<URI> urls) {
    Map<Origin, URI> byOrigin = new LinkedHashMap<>();
    for (URI u : urls) byOrigin.putIfAbsent(Origin.of(u), u);
    return List.copyOf(byOrigin.values());
  }

  /**
   * {@code state} with the validators known now: the first URL's own, and those of each other mirror that answered
   * (a dropped one's too, so a resume drops it again if its copy is still another).
   */
  synchronized ResumeState validated(ResumeState state) {
    RemoteFile own = all.get(0).known();
    List<ResumeState.Mirror> others = new ArrayList<>();
    for (Mirror m : all.subList(1, all.size())) {
      RemoteFile k = m.known();
      if (k != null && (k.etag() != null || k.lastModified() != null)) {
        others.add(new ResumeState.Mirror(m.shown, k.etag(), k.lastModified()));
      }
    }
    return state.withValidators(own == null ? null : own.etag(), own == null ? null : own.lastModified(), others);
  }
}
