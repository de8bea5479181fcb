package org.mcsan.pipeline.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap use over a stretch of work, two ways: the peak the JVM's heap memory pools report (objects in use plus
 * garbage not yet collected, so it also depends on how large the collector lets the young generation grow), and
 * the largest heap occupancy right after a garbage collection during the stretch (what the work kept alive when
 * the collector looked).
 */
final class HeapWatch implements AutoCloseable {
  private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
  private final Set<String> heapPoolNames = new HashSet<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final AtomicLong maxAfterGc = new AtomicLong(-1);
  private final NotificationListener listener = this::onNotification;

  /** Starts watching: resets the pools' peaks and listens to the collectors. */
  HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        heapPools.add(pool);
        heapPoolNames.add(pool.getName());
        pool.resetPeakUsage();
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        NotificationEmitter emitter = (NotificationEmitter) gc;
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  private void onNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPoolNames.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    maxAfterGc.accumulateAndGet(used, Math::max);
  }

  /** Sum of the heap pools' peak use since the watch started (an upper bound of the heap in use at any moment). */
  long peakUsedBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage peak = pool.getPeakUsage();
      if (peak != null) {
        sum += peak.getUsed();
      }
    }
    return sum;
  }

  /** Largest heap occupancy right after a collection since the watch started; -1 if none was reported. */
  long maxUsedAfterGcBytes() {
    return maxAfterGc.get();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException alreadyGone) {
        // nothing to remove
      }
    }
  }
}
