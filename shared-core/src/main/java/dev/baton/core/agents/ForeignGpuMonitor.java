package dev.baton.core.agents;

import dev.baton.core.descriptor.GpuBusyPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a recent answer to "which processes use this machine's GPUs" so that the engine can ask
 * without waiting for {@code nvidia-smi}: one daemon thread asks it again at most once per
 * interval, and only after someone asked for the answer since its last query.
 */
public final class ForeignGpuMonitor implements AutoCloseable {
  /** The shortest time between two {@code nvidia-smi} calls. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

  static final String ANSWERS_AGAIN =
      "nvidia-smi answers again about the processes on the GPUs; GPUs free of other processes"
          + " are handed out again";

  private final Supplier<GpuProcesses> query;
  private final long intervalNanos;
  private final Consumer<String> notices;
  private final ForeignGpuUse use;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final @Nullable Thread thread;

  private volatile GpuProcesses latest;
  private long asks;
  private long answers;
  private boolean closed;
  // Only the monitor's thread reads and writes it.
  private String reported = "";

  private ForeignGpuMonitor(
      Supplier<GpuProcesses> query,
      Duration interval,
      Consumer<String> notices,
      ForeignGpuUse use,
      boolean watch) {
    this.query = query;
    this.intervalNanos = interval.toNanos();
    this.notices = notices;
    this.use = use;
    if (watch) {
      latest = GpuProcesses.unknown(GpuProcesses.STILL_ASKING);
      thread = new Thread(this::watch, "baton-gpu-processes");
      thread.setDaemon(true);
      thread.start();
    } else {
      latest = GpuProcesses.of(List.of());
      thread = null;
    }
  }

  /**
   * Watches the real GPUs among {@code machineGpus} with the {@code nvidia-smi} on the PATH of
   * {@code env}; with none (no GPUs, or only simulated ones) it never runs {@code nvidia-smi} and
   * starts no thread.
   *
   * @param notices told, on the monitor's thread, when {@code nvidia-smi} starts failing (the
   *     problem) and when it answers again
   */
  public static ForeignGpuMonitor start(
      List<Gpu> machineGpus, Map<String, String> env, Consumer<String> notices) {
    List<Gpu> real = machineGpus.stream().filter(g -> !g.simulated()).toList();
    if (real.isEmpty()) {
      return idle();
    }
    GpuProcessQuery query = new GpuProcessQuery(real, env);
    return new ForeignGpuMonitor(
        query::query, DEFAULT_INTERVAL, notices, new ForeignGpuUse(), true);
  }

  /** A monitor for a machine without real GPUs: nothing is ever busy with foreign work. */
  public static ForeignGpuMonitor idle() {
    return new ForeignGpuMonitor(
        () -> GpuProcesses.of(List.of()), DEFAULT_INTERVAL, n -> {}, new ForeignGpuUse(), false);
  }

  /** A monitor asking {@code query} (tests). */
  static ForeignGpuMonitor watching(
      Supplier<GpuProcesses> query, Duration interval, Consumer<String> notices, ProcStat proc) {
    return new ForeignGpuMonitor(query, interval, notices, new ForeignGpuUse(proc), true);
  }

  /**
   * The latest answer, at once; before the first one it is "unknown, still asking". Asking makes
   * the monitor query again once the interval since its last query has passed.
   */
  public GpuProcesses snapshot() {
    // Read before waking the thread: the caller gets what was known when it asked.
    GpuProcesses answer = latest;
    if (thread != null) {
      lock.lock();
      try {
        asks++;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
    return answer;
  }

  /**
   * The GPUs of {@code agent} busy with foreign work by the latest answer, at once.
   *
   * @param batonStepGroups the session ids of the Baton steps running on this machine (all runs)
   */
  public ForeignGpus busyGpus(Agent agent, GpuBusyPolicy policy, Set<Long> batonStepGroups) {
    if (policy.ignoreForeign() || agent.gpus().stream().allMatch(Gpu::simulated)) {
      return ForeignGpus.NONE;
    }
    return use.busyGpus(snapshot(), agent.gpus(), policy, batonStepGroups);
  }

  /** Stops the thread; a query under way is abandoned (its time limit still ends it). */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    thread.interrupt();
  }

  /**
   * Asks now and waits, at most {@code limit}, for the first answer: a run that starts with GPU
   * steps then hands GPUs out at once instead of waiting on "still asking".
   */
  public void awaitFirstAnswer(Duration limit) {
    if (thread == null) {
      return;
    }
    snapshot();
    try {
      awaitAnswers(1, limit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until at least {@code count} answers arrived (tests); false when time ran out. */
  boolean awaitAnswers(long count, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (answers < count && left > 0) {
        left = changed.awaitNanos(left);
      }
      return answers >= count;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the thread has ended (tests). */
  boolean awaitStopped(Duration timeout) throws InterruptedException {
    Thread t = thread;
    if (t == null) {
      return true;
    }
    t.join(timeout.toMillis());
    return !t.isAlive();
  }

  private void watch() {
    long asksAnswered = -1;
    long lastStart = 0;
    boolean first = true;
    try {
      while (true) {
        lock.lock();
        try {
          while (!closed && asks <= asksAnswered) {
            changed.await();
          }
          long wait = first ? 0 : lastStart + intervalNanos - System.nanoTime();
          while (!closed && wait > 0) {
            wait = changed.awaitNanos(wait);
          }
          if (closed) {
            return;
          }
          asksAnswered = asks;
        } finally {
          lock.unlock();
        }
        lastStart = System.nanoTime();
        first = false;
        publish(ask());
      }
    } catch (InterruptedException e) {
      // close() interrupts a thread that is waiting: nothing is left to do.
      Thread.currentThread().interrupt();
    }
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  private GpuProcesses ask() {
    try {
      return query.get();
    } catch (RuntimeException e) {
      return GpuProcesses.unknown(
          "asking nvidia-smi which processes use the GPUs failed ("
              + e
              + "), so no GPU is handed out; run nvidia-smi to see why, or set gpuBusy:"
              + " {ignoreForeign: true} to hand GPUs out anyway");
    }
  }

  private void publish(GpuProcesses answer) {
    if (isClosed()) {
      // An answer cut short by close() is no news: nobody is listening any more.
      return;
    }
    String notice = null;
    if (!answer.known() && !answer.problem().equals(reported)) {
      notice = answer.problem();
    } else if (answer.known() && !reported.isEmpty()) {
      notice = ANSWERS_AGAIN;
    }
    reported = answer.known() ? "" : answer.problem();
    // Told before the answer counts as arrived, and outside the lock: the listener may be slow.
    if (notice != null) {
      notices.accept(notice);
    }
    lock.lock();
    try {
      latest = answer;
      answers++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
