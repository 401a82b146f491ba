package dev.hoard.download;

import dev.hoard.chunk.Growth;
import dev.hoard.fetch.Http;
import dev.hoard.runtime.CpuLoad;
import dev.hoard.url.Origin;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * The run's concurrency policy in one place, built from {@code -j}, {@code -x} and {@code --max-per-host}: how many
 * downloads run at once, how many connections the pool holds, how many more one download may open now (no more than
 * the pool has spare for its host, nor past its fair share of {@code --max-per-host} among the downloads from that
 * host), and how {@code -x auto} grows a download's connections.
 */
public final class ConcurrencyPolicy {
  /** The most connections {@code -x auto} gives one file. */
  static final int AUTO_MAX = 16;
  /** The connections {@code -x auto} starts a file with, room permitting. */
  static final int AUTO_START = 8;
  /** How long {@code -x auto} measures throughput before it decides to open more. */
  static final long AUTO_STEP_NANOS = 150_000_000L;
  /** What the last doubling must still have bought for {@code -x auto} to double again: 15% more throughput. */
  static final double AUTO_GAIN = 1.15;
  /**
   * How busy the machine's processors may have been in a step for {@code -x auto} to open more connections after it:
   * past this, more connections share the same processor time (on loopback or a fast link, every byte costs copies
   * and the disk's locks) and only add to the contention.
   */
  static final double AUTO_BUSY = 0.85;

  private final int jobs;
  private final Connections connections;
  private final int maxPerHost;
  private final Semaphore slots;
  private final Supplier<CpuLoad> cpu;
  private final ConcurrentMap<Origin, AtomicInteger> activeByOrigin = new ConcurrentHashMap<>();
  private volatile Http http;

  /**
   * @param jobs {@code -j}: downloads running at once
   * @param connections {@code -x}: each download's connections, fixed or auto
   * @param maxPerHost connections open to one host at once, across the run
   */
  public ConcurrencyPolicy(int jobs, Connections connections, int maxPerHost) {
    this(jobs, connections, maxPerHost, CpuLoad::machine);
  }

  /** @param cpu a new meter of the machine's processors for each download {@code -x auto} grows */
  ConcurrencyPolicy(int jobs, Connections connections, int maxPerHost, Supplier<CpuLoad> cpu) {
    this.jobs = jobs;
    this.connections = connections;
    this.maxPerHost = maxPerHost;
    this.slots = new Semaphore(jobs);
    this.cpu = cpu;
  }

  /** How many downloads run at once: the threads of the outer pool. */
  public int jobs() {
    return jobs;
  }

  /** Waits until fewer than {@link #jobs} downloads hold a slot, and takes one. */
  public void acquireSlot() throws InterruptedException {
    slots.acquire();
  }

  /** Gives back a slot {@link #acquireSlot} took: the next download may start. */
  public void releaseSlot() {
    slots.release();
  }

  public int maxPerHost() {
    return maxPerHost;
  }

  /** The most connections one file may use: its planned pieces, and what the pool keeps for it. */
  public int maxConnectionsPerFile() {
    return connections.auto() ? AUTO_MAX : connections.fixed();
  }

  /** The connections the pool holds in all: every download at once with its most, and at least the host cap. */
  public int poolSize() {
    return Math.max(maxPerHost, jobs * maxConnectionsPerFile());
  }

  /** The pool whose spare connections bound {@link #room}. */
  public void watch(Http pool) {
    this.http = pool;
  }

  /** A running download, counted against its origin until closed. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Counts a download as running against {@code url}'s origin until the returned registration is closed. */
  Registration active(URI url) {
    AtomicInteger count = activeByOrigin.computeIfAbsent(Origin.of(url), o -> new AtomicInteger());
    count.incrementAndGet();
    return count::decrementAndGet;
  }

  /**
   * How many more connections a download from {@code url} holding {@code held} may open now: so the first file of a
   * list does not take every connection while the next ones get one each.
   */
  int room(URI url, int held) {
    AtomicInteger active = activeByOrigin.get(Origin.of(url));
    int share = Math.max(1, maxPerHost / Math.max(1, active == null ? 1 : active.get()));
    int spare = http == null ? share : http.spareConnections(url);
    return Math.min(spare, share - held);
  }

  /**
   * How one download's connections grow: {@code -x N} starts N and keeps them; {@code -x auto} starts a few and
   * doubles them while that pays. {@code room} answers, for the connections the download holds, how many more it may
   * open now (see {@link Mirrors#room}).
   */
  Growth growth(IntUnaryOperator room) {
    return connections.auto() ? new Auto(room, cpu) : Growth.fixed(connections.fixed());
  }

  /**
   * {@code -x auto} for one download: starts {@value #AUTO_START} connections, or fewer when it has less room (a worker
   * waiting for a connection would idle); after each step, doubles them while the last doubling still bought
   * {@link #AUTO_GAIN} times the throughput, up to {@value #AUTO_MAX}, never past its room. Once a doubling bought
   * less, it keeps what it has. After a step in which the machine's processors were more than {@link #AUTO_BUSY} busy
   * it opens none, and asks again after the next step.
   */
  static final class Auto implements Growth {
    private final IntUnaryOperator room;
    private final Supplier<CpuLoad> meters;
    /**
     * Read once a step, so each reading covers that step alone; made at {@link #start}, which a file of one piece
     * never reaches (a meter reads {@code /proc/stat}: thousands of small files would each pay for one).
     */
    private CpuLoad cpu = CpuLoad.UNKNOWN;
    private int held;
    /** The throughput of the step before the last doubling; negative before any. */
    private double lastRate = -1;
    private boolean settled;

    Auto(IntUnaryOperator room, Supplier<CpuLoad> meters) {
      this.room = room;
      this.meters = meters;
    }

    @Override
    public int start() {
      cpu = meters.get();
      held = Math.min(AUTO_START, 1 + Math.max(0, room.applyAsInt(1)));
      return held;
    }

    @Override
    public long stepNanos() {
      return AUTO_STEP_NANOS;
    }

    @Override
    public int more(double rate) {
      if (settled || held >= AUTO_MAX) return 0;
      double busy = cpu.busy();
      if (lastRate >= 0 && rate < lastRate * AUTO_GAIN) {
        settled = true;
        return 0;
      }
      // no processor time to spare: more connections would share it (NaN, not known, never stops a doubling)
      if (busy > AUTO_BUSY) return 0;
      // with no room now nothing changes: the next step is still held against the rate before the last doubling
      int more = Math.min(Math.min(AUTO_MAX, held * 2) - held, room.applyAsInt(held));
      if (more <= 0) return 0;
      held += more;
      lastRate = rate;
      return more;
    }
  }
}
