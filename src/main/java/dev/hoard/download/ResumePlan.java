package dev.hoard.download;

import dev.hoard.chunk.ByteRange;
import dev.hoard.fetch.RemoteFile;
import dev.hoard.store.ResumeState;
import java.util.List;
import java.util.function.Supplier;

/**
 * What to do with what an earlier run left on disk, decided before the first request, and whether the server's
 * answer lets it go on. Pure: the disk is described by {@link Disk}, and the state file is read only when needed.
 *
 * <table>
 *   <caption>disk → plan</caption>
 *   <tr><td>starting over (the server's copy changed), or {@code --overwrite} with no state</td><td>discard part and state</td></tr>
 *   <tr><td>no part file</td><td>drop a stale state; fetch from 0</td></tr>
 *   <tr><td>part and a usable state</td><td>resume the state's missing ranges, with its validators</td></tr>
 *   <tr><td>part and an unusable state (corrupt, foreign, claims bytes the part lacks)</td><td>discard, say why</td></tr>
 *   <tr><td>part written in pieces (marked so), no state</td><td>discard, say why: it may have holes</td></tr>
 *   <tr><td>part of {@value #BY_LENGTH_FROM} bytes or more, no state</td><td>resume after its length, no validators</td></tr>
 *   <tr><td>smaller part, no state</td><td>discard: fetching it again is cheap, and it may be another version</td></tr>
 * </table>
 *
 * @param discard remove the part file and its state before fetching
 * @param dropState remove a state left without its part file
 * @param state what to resume, or null to fetch from the start
 * @param problem why a state could not be used, for the user; or null
 */
record ResumePlan(boolean discard, boolean dropState, ResumeState state, String problem) {
  /**
   * A part file this large without a state holds one contiguous prefix (a plain stream's, or another tool's). Ours of
   * this size always have a state, written before their first byte, so no If-Range is lost by trusting its length.
   */
  static final long BY_LENGTH_FROM = 1 << 20;

  /**
   * The files an earlier run left.
   *
   * @param shownUrl the URL as a state file records it (password hidden)
   * @param startOver the server's copy changed during this run: nothing on disk counts
   * @param partSize the part file's size (0 when it is not a regular file)
   */
  /** @param inPieces the part is marked {@link dev.hoard.store.WrittenInPieces}: it may have holes */
  record Disk(String shownUrl, boolean startOver, boolean overwrite, boolean stateThere, boolean partThere,
      long partSize, boolean inPieces) {}

  static ResumePlan decide(Disk disk, Supplier<ResumeState.Loaded> load) {
    if (disk.startOver() || disk.overwrite() && !disk.stateThere()) return new ResumePlan(true, false, null, null);
    if (!disk.partThere()) return new ResumePlan(false, disk.stateThere(), null, null);
    ResumeState.Loaded loaded = load.get();
    if (loaded.problem() != null) return new ResumePlan(true, false, null, loaded.problem());
    if (loaded.state() != null) return new ResumePlan(false, false, loaded.state(), null);
    if (disk.inPieces()) {
      return new ResumePlan(true, false, null,
          "its resume state is gone and it was written in pieces, so what it holds is not known; starting over");
    }
    if (disk.partSize() >= BY_LENGTH_FROM) {
      ResumeState byLength =
          new ResumeState(disk.shownUrl(), -1, null, null, List.of(new ByteRange(0, disk.partSize())));
      return new ResumePlan(false, false, byLength, null);
    }
    return new ResumePlan(disk.partSize() > 0, false, null, null);
  }

  boolean resuming() {
    return state != null && !state.done().isEmpty();
  }

  /** The ranges already on disk. */
  List<ByteRange> done() {
    return state == null ? List.of() : state.done();
  }

  /**
   * What the earlier run knew of the file at {@code url} (one of its URLs, password hidden), for {@code If-Range}; null
   * when nothing is resumed. A mirror that did not answer then is known by the length alone.
   */
  RemoteFile knew(String url) {
    if (!resuming()) return null;
    ResumeState.Mirror m = state.mirror(url);
    return new RemoteFile(state.length(), true, m == null ? null : m.etag(), m == null ? null : m.lastModified());
  }

  /** The first stretch of missing bytes: the probe asks for it, never again for bytes the state holds. */
  ByteRange firstMissing() {
    List<ByteRange> done = done();
    long from = done.isEmpty() || done.get(0).start() > 0 ? 0 : done.get(0).end();
    for (ByteRange r : done) {
      if (r.start() > from) return new ByteRange(from, r.start());
    }
    return ByteRange.toEnd(from);
  }

  /**
   * Why the answer of the server at {@code url} (one of the file's URLs, password hidden) cannot continue what is on
   * disk, or null when it can (or nothing is resumed).
   */
  String mismatch(String url, RemoteFile remote) {
    if (!resuming()) return null;
    if (!remote.ranges()) return "server sent the whole file instead of the missing bytes";
    boolean sameLength = state.length() < 0 || state.length() == remote.length();
    RemoteFile knew = knew(url);
    if (!sameLength || !remote.sameVersion(knew.etag(), knew.lastModified())) {
      return "server copy changed since the last run";
    }
    return null;
  }
}
