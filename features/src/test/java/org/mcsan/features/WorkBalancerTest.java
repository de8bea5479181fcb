package org.mcsan.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkBalancerTest {
    private static long load(List<Long> bucket) {
        long s = 0;
        for (long w : bucket) s += w;
        return s;
    }

    @Test
    void aLongUtteranceGetsAPartitionOfItsOwn() {
        List<Long> sizes = new ArrayList<>();
        sizes.add(1000L);
        for (int i = 0; i < 99; i++) sizes.add(10L);
        List<List<Long>> buckets = WorkBalancer.balance(sizes, w -> w, 4);
        assertEquals(4, buckets.size());
        for (List<Long> b : buckets) {
            if (b.contains(1000L)) assertEquals(Collections.singletonList(1000L), b);
            else assertTrue(load(b) == 330 || load(b) == 320, "the 99 short ones are spread evenly: " + load(b));
        }
    }

    @Test
    void everyItemIsAssignedOnceAndLoadsDifferByAtMostTheLargestItem() {
        Random random = new Random(7);
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < 500; i++) sizes.add((long) Math.exp(random.nextDouble() * Math.log(100)) * 32000);
        List<List<Long>> buckets = WorkBalancer.balance(sizes, w -> w, 8);
        List<Long> all = new ArrayList<>();
        long max = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        for (List<Long> b : buckets) {
            all.addAll(b);
            max = Math.max(max, load(b));
            min = Math.min(min, load(b));
        }
        List<Long> expected = new ArrayList<>(sizes);
        Collections.sort(expected);
        Collections.sort(all);
        assertEquals(expected, all);
        assertTrue(max - min <= Collections.max(sizes), "max " + max + ", min " + min);
    }

    @Test
    void morePartitionsThanItemsLeavesSomeEmpty() {
        List<List<String>> buckets = WorkBalancer.balance(Arrays.asList("a", "bb"), s -> s.length(), 3);
        assertEquals(
                Arrays.asList(
                        Collections.singletonList("bb"),
                        Collections.singletonList("a"),
                        Collections.<String>emptyList()),
                buckets);
    }
}
