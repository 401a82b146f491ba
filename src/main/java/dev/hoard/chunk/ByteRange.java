package dev.hoard.chunk;

/**
 * The bytes {@code [start, end)} of a file; {@link #toEnd} is open-ended ({@code end} is {@link Long#MAX_VALUE}).
 */
public record ByteRange(long start, long end) {
  public ByteRange {
    if (start < 0 || end < start) throw new IllegalArgumentException("bad byte range [" + start + ", " + end + ")");
  }

  /** The bytes from {@code start} to the end of the file, however long it is. */
  public static ByteRange toEnd(long start) {
    return new ByteRange(start, Long.MAX_VALUE);
  }

  public boolean openEnded() {
    return end == Long.MAX_VALUE;
  }

  public long length() {
    return end - start;
  }

  /** The value of a {@code Range} header asking for these bytes: {@code bytes=0-99}, {@code bytes=100-}. */
  public String rangeHeader() {
    return "bytes=" + start + "-" + (openEnded() ? "" : Long.toString(end - 1));
  }

  @Override
  public String toString() {
    return "[" + start + ", " + (openEnded() ? "end" : Long.toString(end)) + ")";
  }
}
