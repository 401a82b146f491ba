package dev.hoard.fetch;

import java.util.Objects;

/**
 * What the server said about a file: its length (-1 when unknown), whether it serves byte ranges, and the validators
 * that tell one version from another.
 */
public record RemoteFile(long length, boolean ranges, String etag, String lastModified) {
  static RemoteFile of(Response r, long length, boolean ranges) {
    return new RemoteFile(length, ranges, r.header("ETag"), r.header("Last-Modified"));
  }

  /** The {@code If-Range} value: a strong ETag, else Last-Modified, else null. */
  public String ifRange() {
    if (etag != null && !etag.startsWith("W/")) return etag;
    return lastModified;
  }

  /** Throws when {@code r} comes from another version of the file than this one. */
  void checkSameVersion(Response r) throws RemoteChangedException {
    String e = r.header("ETag");
    String lm = r.header("Last-Modified");
    if (etag != null && e != null && !etag.equals(e)) {
      throw new RemoteChangedException("server copy changed (ETag " + etag + " became " + e + ")");
    }
    if (lastModified != null && lm != null && !lastModified.equals(lm)) {
      throw new RemoteChangedException("server copy changed (Last-Modified " + lastModified + " became " + lm + ")");
    }
  }

  /** Whether validators that both sides have agree: a side without one cannot tell, and counts as the same. */
  public boolean sameVersion(String otherEtag, String otherLastModified) {
    return (etag == null || otherEtag == null || Objects.equals(etag, otherEtag))
        && (lastModified == null || otherLastModified == null || Objects.equals(lastModified, otherLastModified));
  }
}
