package org.mcsan.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * Spreads work items over partitions by work, not by count (utterance durations vary 100x): items are taken
 * heaviest first and each goes to the partition with the least work so far (longest-processing-time-first; the
 * heaviest partition carries at most 4/3 of the optimum).
 */
final class WorkBalancer {
    private WorkBalancer() {}

    static <T> List<List<T>> balance(List<T> items, ToLongFunction<T> weight, int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        List<T> heaviestFirst = new ArrayList<>(items);
        heaviestFirst.sort(Comparator.comparingLong(weight).reversed());
        List<List<T>> buckets = new ArrayList<>(partitions);
        long[] load = new long[partitions];
        PriorityQueue<Integer> lightest = new PriorityQueue<>(
                partitions, Comparator.<Integer>comparingLong(i -> load[i]).thenComparingInt(i -> i));
        for (int i = 0; i < partitions; i++) {
            buckets.add(new ArrayList<>());
            lightest.add(i);
        }
        for (T item : heaviestFirst) {
            int p = lightest.poll();
            buckets.get(p).add(item);
            load[p] += Math.max(0, weight.applyAsLong(item));
            lightest.add(p);
        }
        return buckets;
    }
}
