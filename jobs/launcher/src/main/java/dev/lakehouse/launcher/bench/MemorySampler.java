package dev.lakehouse.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap in use, sampled every 50 ms on a daemon thread (and once more when read). A sample sees
 * what the heap holds at that moment, garbage included, so the peak is an upper bound of what the
 * driver needed, not the live set.
 */
final class MemorySampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakHeap = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
          .toList();
  private final Thread thread;
  private volatile boolean running = true;

  private MemorySampler() {
    thread =
        new Thread(
            () -> {
              while (running) {
                sample();
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            },
            "bench-memory-sampler");
    thread.setDaemon(true);
  }

  static MemorySampler start() {
    MemorySampler s = new MemorySampler();
    s.thread.start();
    return s;
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    peakHeap.accumulateAndGet(used, Math::max);
    long afterGc = 0;
    for (MemoryPoolMXBean p : heapPools) {
      MemoryUsage u = p.getCollectionUsage();
      afterGc += u == null ? 0 : u.getUsed();
    }
    peakAfterGc.accumulateAndGet(afterGc, Math::max);
  }

  /**
   * The largest heap in use right after a collection, summed over the heap pools: close to the peak
   * live set, which is what the driver really needed (the sampled peak includes garbage the
   * collector had no reason to clear yet).
   */
  long peakAfterGcBytes() {
    sample();
    return peakAfterGc.get();
  }

  long peakHeapBytes() {
    sample();
    return peakHeap.get();
  }

  long maxHeapBytes() {
    return memory.getHeapMemoryUsage().getMax();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
