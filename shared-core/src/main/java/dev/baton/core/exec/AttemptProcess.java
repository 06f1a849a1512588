package dev.baton.core.exec;

/**
 * A process group or engine job an attempt started after its first one (a stage's next command):
 * the journal records each, so a resumed run can stop everything the attempt left running.
 *
 * @param processGroup the process group it runs in, {@code -1} where the engine has none
 * @param jobId the engine's id of it (a Slurm job), empty where it has none
 */
public record AttemptProcess(long processGroup, String jobId) {}
