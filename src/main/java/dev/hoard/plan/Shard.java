package dev.hoard.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code --shard=K/N}: keeps the URLs whose SHA-256 falls in shard K of N, the same on every machine and JVM, so N
 * machines can split one list with nothing shared but the file.
 */
public record Shard(int k, int n) {
  /** The whole list: shard 0 of 1. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (n < 1 || k < 0 || k >= n) throw new IllegalArgumentException("shard must be K/N with 0 <= K < N: " + k + "/" + n);
  }

  public boolean keeps(String url) {
    return n == 1 || index(url, n) == k;
  }

  static int index(String url, int n) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) h = (h << 8) | (d[i] & 0xff);
      return (int) Long.remainderUnsigned(h, n);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
