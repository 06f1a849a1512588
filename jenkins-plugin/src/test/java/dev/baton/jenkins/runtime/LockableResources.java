package dev.baton.jenkins.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Lockable Resources plugin as the test runtime sees it: named resources with labels; {@code
 * lock(label:, quantity:)} blocks until that many resources with the label are free and hands out
 * their names, {@code lock(resource:)} locks one by name (created on first use, as the plugin
 * does). Every hold is recorded so tests can check that no resource was held twice at once.
 */
public final class LockableResources {
  /** One time a resource was held: by which branch, between which {@link System#nanoTime()}s. */
  public record Hold(String resource, String holder, long fromNanos, long toNanos) {}

  private final Map<String, Set<String>> labelsByResource = new LinkedHashMap<>();
  private final Map<String, String> holderByResource = new LinkedHashMap<>();
  private final Map<String, Long> heldSince = new LinkedHashMap<>();
  private final List<Hold> holds = new ArrayList<>();
  private final long maxWaitMillis;
  private int waits;

  LockableResources(long maxWaitMillis) {
    this.maxWaitMillis = maxWaitMillis;
  }

  synchronized void declare(String name, String... labels) {
    labelsByResource.put(name, Set.of(labels));
  }

  /** Locks {@code quantity} resources carrying {@code label}; returns their names, sorted. */
  synchronized List<String> lockLabel(String label, int quantity, String holder, BuildRun build)
      throws InterruptedException {
    List<String> all = new ArrayList<>();
    for (Map.Entry<String, Set<String>> resource : labelsByResource.entrySet()) {
      if (resource.getValue().contains(label)) {
        all.add(resource.getKey());
      }
    }
    long deadline = System.currentTimeMillis() + maxWaitMillis;
    if (all.size() < quantity) {
      // The plugin queues the request until enough resources carry the label; so do we, until
      // the runtime's limit, so that a test cannot hang.
      String why =
          "lock(label: '"
              + label
              + "', quantity: "
              + quantity
              + ") can never be satisfied: only "
              + all.size()
              + " resource(s) carry that label";
      build.log(holder, "[" + label + "] is not free, waiting for execution ...");
      while (true) {
        waitUntil(deadline, why);
      }
    }
    while (true) {
      List<String> free = new ArrayList<>();
      for (String name : all) {
        if (!holderByResource.containsKey(name) && free.size() < quantity) {
          free.add(name);
        }
      }
      if (free.size() == quantity) {
        take(free, holder);
        return free;
      }
      waitUntil(deadline, "label " + label);
    }
  }

  /** Locks one resource by name, creating it when it was never declared. */
  synchronized List<String> lockResource(String name, String holder) throws InterruptedException {
    labelsByResource.putIfAbsent(name, Set.of());
    long deadline = System.currentTimeMillis() + maxWaitMillis;
    while (holderByResource.containsKey(name)) {
      waitUntil(deadline, "resource " + name);
    }
    take(List.of(name), holder);
    return List.of(name);
  }

  synchronized void unlock(List<String> names) {
    long now = System.nanoTime();
    for (String name : names) {
      holds.add(new Hold(name, holderByResource.remove(name), heldSince.remove(name), now));
    }
    notifyAll();
  }

  /** Every finished hold, in the order they were released. */
  public synchronized List<Hold> holds() {
    return Collections.unmodifiableList(new ArrayList<>(holds));
  }

  private void take(List<String> names, String holder) {
    long now = System.nanoTime();
    for (String name : names) {
      holderByResource.put(name, holder);
      heldSince.put(name, now);
    }
  }

  /** How many times a lock request found its resources taken and had to wait. */
  public synchronized int waits() {
    return waits;
  }

  private void waitUntil(long deadline, String what) throws InterruptedException {
    waits++;
    long left = deadline - System.currentTimeMillis();
    if (left <= 0) {
      throw new PipelineError("waited too long to lock: " + what);
    }
    wait(left);
  }
}
