package dev.hoard.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongLongMapTest {
  @Test
  void agreesWithAHashMapThroughPutsOverwritesAndRemovals() {
    LongLongMap map = new LongLongMap();
    Map<Long, Long> model = new HashMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      // few distinct keys, so overwrites and removals hit; some keys collide in their low bits
      long key = random.nextInt(5000) * 1024L;
      switch (random.nextInt(3)) {
        case 0, 1 -> {
          long v = random.nextLong();
          assertEquals(model.containsKey(key) ? (long) model.get(key) : LongLongMap.MISSING, map.put(key, v));
          model.put(key, v);
        }
        default -> assertEquals(model.containsKey(key) ? (long) model.remove(key) : LongLongMap.MISSING, map.remove(key));
      }
    }
    assertEquals(model.size(), map.size());
    for (long k = 0; k < 5000 * 1024L; k += 1024) {
      assertEquals((long) model.getOrDefault(k, LongLongMap.MISSING), map.get(k), "key " + k);
    }
  }

  @Test
  void zeroAndNegativeKeysAreKeysLikeAnyOther() {
    LongLongMap map = new LongLongMap();
    map.put(0, 1);
    map.put(-1, 2);
    map.put(Long.MIN_VALUE, 3);
    assertEquals(1, map.get(0));
    assertEquals(2, map.get(-1));
    assertEquals(3, map.get(Long.MIN_VALUE));
    assertEquals(LongLongMap.MISSING, map.get(1));
  }
}
