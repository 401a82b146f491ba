package dev.hoard.store;

import dev.hoard.chunk.Sink;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * {@code NAME.part}: the file a download writes into, by positional writes from many pieces at once, and which becomes
 * {@code NAME} only whole and verified, by an atomic rename.
 */
public final class PartFile implements Closeable, Sink {
  private final Path target;
  private final Path part;
  private final FileChannel channel;
  /** Whether the origin may be in a sidecar file rather than an extended attribute. */
  private final boolean sidecar;

  private PartFile(Path target, Path part, FileChannel channel, boolean sidecar) {
    this.target = target;
    this.part = part;
    this.channel = channel;
    this.sidecar = sidecar;
  }

  public static Path partOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  public static Path stateOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".part.state");
  }

  /**
   * Opens (creating) the part file of {@code target} and locks it until the file is committed or closed, so that
   * another hoard process never writes into it, nor empties it, meanwhile; {@code fresh} empties it first and records
   * {@code origin} (the URL, its password hidden) on it, so the part and the file it becomes say whose bytes they hold.
   * Never follows a symlink.
   *
   * @throws Busy when another process holds the part file
   */
  public static PartFile open(Path target, boolean fresh, String origin) throws IOException {
    return open(target, fresh, origin, false);
  }

  /**
   * As {@link #open(Path, boolean, String)}; a fresh part {@code inPieces} is marked {@link WrittenInPieces}, so that
   * without its resume state it is never taken for one contiguous prefix.
   */
  public static PartFile open(Path target, boolean fresh, String origin, boolean inPieces) throws IOException {
    Path part = partOf(target);
    // a record lock is the process's, and closing any descriptor of the file drops it: nothing opens the part by its
    // path while the lock is held but the origin's record of a part found there, after which it is taken again
    FileChannel ch = fresh ? createNew(part) : null;
    // a resumed part may have taken a sidecar in an earlier run: it moves with the file unless known not to exist
    boolean sidecar = true;
    if (ch != null) {
      // made just now, so nobody's: its origin is recorded before it is locked
      sidecar = record(ch, part, origin, inPieces);
      lock(ch, part);
      return new PartFile(target, part, ch, sidecar);
    }
    // opening a FIFO found under the part's name would block until something reads it: it is no part of ours
    if (Files.exists(part, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)
        && !Files.isSymbolicLink(part)) {
      throw new IOException(part + ": not a regular file");
    }
    ch = openNoFollow(part, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ));
    // locked before anything is emptied or written: another process's bytes are never touched
    FileLock lock = lock(ch, part);
    if (fresh) {
      try {
        ch.truncate(0);
        sidecar = record(ch, part, origin, inPieces);
        lock.release();
      } catch (IOException e) {
        ch.close();
        throw e instanceof LocalFailure local ? local : LocalFailure.writing(part.toString(), e);
      }
      lock(ch, part);
    }
    return new PartFile(target, part, ch, sidecar);
  }

  /** The part made anew (O_EXCL), or null when one is there already. */
  private static FileChannel createNew(Path part) throws IOException {
    try {
      return openNoFollow(part,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ));
    } catch (FileAlreadyExistsException there) {
      return null;
    }
  }

  private static FileChannel openNoFollow(Path part, Set<StandardOpenOption> opts) throws IOException {
    try {
      return FileChannel.open(part, withNoFollow(opts));
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException e) {
      // O_NOFOLLOW: a link planted under the part's name fails the open (ELOOP, reported without the path on some
      // JDKs) rather than lead elsewhere
      if (Files.isSymbolicLink(part)) throw new IOException("refusing to write through the symbolic link " + part, e);
      throw e;
    }
  }

  /**
   * Records {@code origin} on the part, and the mark of a part written in pieces; true when the origin took a sidecar.
   * The channel is closed on failure.
   */
  private static boolean record(FileChannel ch, Path part, String origin, boolean inPieces) throws IOException {
    try {
      boolean sidecar = FileOrigin.record(part, origin);
      if (inPieces) WrittenInPieces.set(part);
      return sidecar;
    } catch (IOException e) {
      ch.close();
      throw LocalFailure.writing(part.toString(), e);
    }
  }

  /** Locks the whole part; the channel is closed, and {@link Busy} thrown, when another process holds it. */
  private static FileLock lock(FileChannel ch, Path part) throws IOException {
    FileLock lock;
    try {
      lock = lockOrNull(ch);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
      throw new Busy(part);
    }
    return lock;
  }

  /** The lock of the whole file, or null when another holder has it. */
  private static FileLock lockOrNull(FileChannel ch) throws IOException {
    try {
      return ch.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      return null;
    }
  }

  private static OpenOption[] withNoFollow(Set<StandardOpenOption> opts) {
    OpenOption[] out = new OpenOption[opts.size() + 1];
    int i = 0;
    for (StandardOpenOption o : opts) out[i++] = o;
    out[i] = LinkOption.NOFOLLOW_LINKS;
    return out;
  }

  public Path path() {
    return part;
  }

  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public void write(byte[] bytes, int length, long position) throws LocalFailure {
    ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length);
    try {
      long at = position;
      while (buf.hasRemaining()) at += channel.write(buf, at);
    } catch (IOException e) {
      throw LocalFailure.writing(part.toString(), e);
    }
  }

  /** Empties the file, to start over. */
  public void truncate() throws IOException {
    channel.truncate(0);
  }

  /** Sets the final length (a file's tail may be a hole not yet written when the pieces are planned). */
  public void setLength(long length) throws IOException {
    if (channel.size() > length) channel.truncate(length);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** SHA-256 of a file's bytes, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return sha256(ch);
    }
  }

  /**
   * Renames the part file to its final name, atomically, its modification time set to {@code modified} first (the
   * server's Last-Modified; null to leave it). Without {@code replace}, an existing file is never replaced.
   */
  public void commit(boolean replace, Instant modified) throws IOException {
    // the part stays open, and so locked, until it has its name: no other process takes it between. Its times are
    // set after, on the final name: that opens the file, and closing that descriptor would drop the lock
    try {
      if (!replace) {
        try {
          renameNoReplace(part, target, "a file appeared under the final name meanwhile");
        } catch (FileAlreadyExistsException e) {
          // a link whose target is gone is in the way too (the name looked free): hoard never writes through one
          if (!Files.isSymbolicLink(target)) throw e;
          throw new FileAlreadyExistsException(target.toString(), null, "a symbolic link is there; hoard neither"
              + " replaces nor writes through one: remove it, or name the file with out=, and run the same command"
              + " again (" + part.getFileName() + " is kept)");
        }
      } else {
        try {
          Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } finally {
      channel.close();
    }
    if (modified != null) {
      // access time too, as wget and curl -R set it: given both, the JDK need not read the file's times first
      FileTime t = FileTime.from(modified);
      Files.getFileAttributeView(target, BasicFileAttributeView.class).setTimes(t, t, null);
    }
    if (sidecar) FileOrigin.moved(part, target);
  }

  /** SHA-256 of the bytes written so far, lower-case hex, read through this part's own descriptor: its lock holds. */
  public String sha256() throws IOException {
    return sha256(channel);
  }

  /** SHA-256 of all of {@code ch}'s bytes, read by position (its own position is left as it is), lower-case hex. */
  private static String sha256(FileChannel ch) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
    for (long at = 0; ; ) {
      buf.clear();
      int n = ch.read(buf, at);
      if (n < 0) break;
      md.update(buf.array(), 0, n);
      at += n;
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The part file is another process's: a hoard downloading into the same folder holds it. */
  public static final class Busy extends IOException {
    Busy(Path part) {
      super(part.getFileName() + " is being downloaded by another hoard process; run the same command again once it"
          + " has finished");
    }
  }

  /** Moves a finished file (and the record of its origin) to {@code to}, never replacing a file there. */
  public static void move(Path from, Path to) throws IOException {
    renameNoReplace(from, to, "a file is there already");
    FileOrigin.moved(from, to);
  }

  /**
   * Gives the file {@code from} the name {@code to} and takes its old name away, failing with
   * {@link FileAlreadyExistsException} when something is at {@code to}: another program's file that appears between a
   * check and a rename must not be lost. A hard link makes the new name in one step that fails when it is taken (a
   * rename would replace it); a file system without hard links gets a check, then a rename.
   */
  static void renameNoReplace(Path from, Path to, String taken) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(to.toString(), null, taken);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      // no hard links here (FAT, some network file systems): the check leaves a window, the rename stays atomic
      if (to.toFile().exists()) throw new FileAlreadyExistsException(to.toString(), null, taken);
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    try {
      Files.delete(from);
    } catch (IOException e) {
      // the old name stays: take the new one back, so the file is under one name, and say why
      try {
        Files.delete(to);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
  }

  /** Removes the part file and its state: the download is abandoned or must start over. */
  public static void discard(Path target) throws IOException {
    Path part = partOf(target);
    whileHeld(part, () -> {
      part.toFile().delete();
      FileOrigin.forget(part);
      stateOf(target).toFile().delete();
    });
  }

  /** Removes the resume state beside the part file of {@code target} (a stale one), unless another process holds it. */
  public static void dropState(Path target) throws IOException {
    whileHeld(partOf(target), () -> stateOf(target).toFile().delete());
  }

  /**
   * Runs {@code change} holding the lock of {@code part} (at once when there is no part file): another hoard process
   * writing that part must not lose it, nor its state, to this one.
   *
   * @throws Busy when another process holds it
   */
  private static void whileHeld(Path part, Runnable change) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(part, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    } catch (FileSystemException none) {
      // no part (or a link planted there, which is no process's part): nothing to take from anyone
      change.run();
      return;
    }
    try (ch) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) throw new Busy(part);
      change.run();
    }
  }
}
