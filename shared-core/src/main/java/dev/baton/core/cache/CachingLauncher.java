package dev.baton.core.cache;

import dev.baton.core.agents.Agent;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.events.RunEvent.CacheAction;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.StepLauncher;
import dev.baton.core.exec.StepOutputFile;
import dev.baton.core.io.UserFiles;
import dev.baton.core.record.StepState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Launches steps with {@code cache: true} through the step cache: a verified entry for the step's
 * key restores its outputs and the step ends {@code CACHED} with no process started; otherwise the
 * step runs and, when it succeeds, its outputs are stored under the key. Other steps go straight to
 * the wrapped launcher.
 */
public final class CachingLauncher implements StepLauncher {
  private final StepLauncher delegate;
  private final boolean readCache;
  private final Path workspace;
  private final Map<String, String> params;
  private final List<Agent> agents;
  private final EventSink events;
  private final boolean allowLinks = FileTransfer.hardLinksAllowed();
  // Made on the first cached step: making them can fail, and a run without one needs none.
  private @Nullable Cache cache;

  /** The workspace's cache: where its entries live and how keys are made. */
  private record Cache(CachePaths paths, CacheStore store, CacheKeys keys) {}

  /**
   * @param readCache false when the user turned the cache off: every step runs, and successful ones
   *     still refresh their entries
   */
  public CachingLauncher(
      StepLauncher delegate,
      boolean readCache,
      Path workspace,
      Map<String, String> params,
      List<Agent> agents,
      EventSink events) {
    this.delegate = delegate;
    this.readCache = readCache;
    this.workspace = workspace;
    this.params = Map.copyOf(params);
    this.agents = List.copyOf(agents);
    this.events = events;
  }

  @Override
  public StepHandle launch(StepLaunch launch) {
    if (!launch.step().spec().cache().enabled()) {
      return delegate.launch(launch);
    }
    String key;
    Cache c;
    try {
      c = cache();
      key = c.keys().of(launch).sha256();
    } catch (CacheException e) {
      return StepHandle.finished(ExitStatus.couldNotLaunch("cache: " + e.getMessage()));
    }
    if (readCache) {
      Optional<StepHandle> hit = tryHit(launch, c, key);
      c.store().digests().save();
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    List<String> outputs = launch.step().spec().cache().outputs();
    return CachedHandles.storing(delegate.launch(launch), status -> store(launch, c, key, outputs));
  }

  /** Writes the entry's copy of {@code $BATON_OUTPUT} where this attempt's outputs are read. */
  private static void restoreStepOutputs(StepLaunch launch, CacheStore.Verified v)
      throws CacheException {
    String file = launch.env().get(StepOutputFile.ENV);
    Optional<CacheManifest.Item> item = v.manifest().stepOutputs();
    if (file == null || item.isEmpty()) {
      return;
    }
    try {
      Path blob = v.dir().resolve(CacheManifest.BLOBS).resolve(item.get().blob());
      Files.write(Path.of(file), Files.readAllBytes(blob));
    } catch (IOException e) {
      throw new CacheException("its step outputs cannot be restored: " + e.getMessage(), e);
    }
  }

  private Optional<StepHandle> tryHit(StepLaunch launch, Cache c, String key) {
    CacheStore.Lookup found = c.store().lookup(key);
    if (found instanceof CacheStore.Discarded d) {
      event(launch, CacheAction.DISCARDED, key, d.reason());
      return Optional.empty();
    }
    if (found instanceof CacheStore.Verified v) {
      try {
        OutputRestore.Summary done =
            OutputRestore.restore(
                c.paths(),
                v.dir(),
                v.manifest(),
                launch.step().spec().cache().outputs(),
                c.store().digests(),
                allowLinks);
        event(launch, CacheAction.HIT, key, done.describe());
        restoreStepOutputs(launch, v);
        return Optional.of(CachedHandles.hit("outputs restored from cache entry " + shortKey(key)));
      } catch (CacheException e) {
        event(launch, CacheAction.MISS, key, "outputs cannot be restored: " + e.getMessage());
        return Optional.empty();
      }
    }
    event(launch, CacheAction.MISS, key, "no entry");
    return Optional.empty();
  }

  private Optional<CacheVerdict.Verdict> store(
      StepLaunch launch, Cache c, String key, List<String> outputs) {
    String stepId = launch.stepId();
    try {
      byte[] stepOutputs = new byte[0];
      String file = launch.env().get(StepOutputFile.ENV);
      if (file != null) {
        // An output file the engine will refuse fails the step; it must not enter the cache.
        if (StepOutputFile.read(Path.of(file), stepId) instanceof StepOutputFile.Invalid bad) {
          return Optional.of(new CacheVerdict.Verdict(StepState.FAILED, bad.message()));
        }
        if (Files.exists(Path.of(file))) {
          stepOutputs =
              UserFiles.readBytes(Path.of(file), "step output file", StepOutputFile.MAX_BYTES);
        }
      }
      OutputSnapshot.store(c.paths(), c.store(), key, stepId, outputs, allowLinks, stepOutputs);
      c.store().digests().save();
      events.accept(new RunEvent.StepCache(stepId, CacheAction.STORED, key, ""));
      return Optional.empty();
    } catch (CacheException e) {
      return Optional.of(new CacheVerdict.Verdict(StepState.FAILED, e.getMessage()));
    } catch (IOException | RuntimeException e) {
      events.accept(
          new RunEvent.StepCache(
              stepId,
              CacheAction.NOT_STORED,
              key,
              e.getClass().getSimpleName() + " " + e.getMessage()));
      return Optional.empty();
    }
  }

  private Cache cache() throws CacheException {
    Cache made = cache;
    if (made == null) {
      CachePaths paths = new CachePaths(workspace);
      CacheStore store = new CacheStore(CacheStore.rootFor(paths.workspace()));
      made = new Cache(paths, store, new CacheKeys(paths, params, agents, store.digests()));
      cache = made;
    }
    return made;
  }

  private void event(StepLaunch launch, CacheAction action, String key, String detail) {
    events.accept(new RunEvent.StepCache(launch.stepId(), action, key, detail));
  }

  /** The first 12 hex digits, enough to tell entries apart in messages. */
  public static String shortKey(String key) {
    return key.length() > 12 ? key.substring(0, 12) : key;
  }
}
