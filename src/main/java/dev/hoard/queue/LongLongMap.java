package dev.hoard.queue;

import java.util.Arrays;

/**
 * A map from 64-bit keys (URL hashes) to 64-bit values in two flat arrays, open addressing with linear probing: 16
 * bytes a slot, at most three quarters full, where a {@code HashMap<Long, Long>} entry takes about 80 bytes. Not
 * thread-safe.
 */
final class LongLongMap {
  /** What {@link #get} answers for a key the map does not hold; never stored. */
  static final long MISSING = Long.MIN_VALUE;

  private long[] keys;
  private long[] values;
  private int size;

  LongLongMap() {
    keys = new long[64];
    values = new long[64];
    Arrays.fill(values, MISSING);
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@link #MISSING}. */
  long get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); values[i] != MISSING; i = (i + 1) & mask) {
      if (keys[i] == key) return values[i];
    }
    return MISSING;
  }

  /** Maps {@code key} to {@code value}; the value it had, or {@link #MISSING}. */
  long put(long key, long value) {
    if (value == MISSING) throw new IllegalArgumentException("not a storable value: " + value);
    int mask = keys.length - 1;
    int i = slot(key, mask);
    for (; values[i] != MISSING; i = (i + 1) & mask) {
      if (keys[i] == key) {
        long old = values[i];
        values[i] = value;
        return old;
      }
    }
    keys[i] = key;
    values[i] = value;
    if (++size * 4 > keys.length * 3) grow();
    return MISSING;
  }

  /** Removes {@code key}; its value, or {@link #MISSING} when it was not there. */
  long remove(long key) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (values[i] != MISSING && keys[i] != key) i = (i + 1) & mask;
    long old = values[i];
    if (old == MISSING) return MISSING;
    // backward shift: move up each later entry of the run that may sit in the freed slot, so probes stay unbroken
    int free = i;
    for (int j = (i + 1) & mask; values[j] != MISSING; j = (j + 1) & mask) {
      int home = slot(keys[j], mask);
      boolean between = free <= j ? free < home && home <= j : free < home || home <= j;
      if (!between) {
        keys[free] = keys[j];
        values[free] = values[j];
        free = j;
      }
    }
    values[free] = MISSING;
    size--;
    return old;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    Arrays.fill(values, MISSING);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != MISSING) put(oldKeys[i], oldValues[i]);
    }
  }

  private static int slot(long key, int mask) {
    // the keys are FNV hashes already, but their low bits alone are weak: fold the high half in
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
