package dev.baton.core.descriptor;

/**
 * When a GPU of this machine counts as busy because a process that is not a Baton step uses it (a
 * notebook, a training job started by hand): {@code gpuBusy:} of an agent, or of the whole
 * descriptor.
 *
 * @param ignoreForeign hand GPUs out whatever else runs on them; Baton then never asks {@code
 *     nvidia-smi} for their processes
 * @param minMemoryMiB processes using less GPU memory than this do not make a GPU busy; 0: every
 *     process does. A process whose memory {@code nvidia-smi} does not report always counts.
 */
public record GpuBusyPolicy(boolean ignoreForeign, long minMemoryMiB) {
  /** The safe default: any process that is not a Baton step makes its GPU busy. */
  public static final GpuBusyPolicy DEFAULT = new GpuBusyPolicy(false, 0);

  public GpuBusyPolicy {
    if (minMemoryMiB < 0) {
      throw new IllegalArgumentException("minMemoryMiB < 0: " + minMemoryMiB);
    }
  }
}
