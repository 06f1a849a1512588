package dev.baton.core.record;

import org.jspecify.annotations.Nullable;

/**
 * The code a run ran: the git commit of its workspace, the branch checked out, the remote it came
 * from and whether the work tree had changes not committed. Absent from a run whose workspace is
 * not in a git work tree (or where no git program is installed).
 *
 * @param commit the full commit id of {@code HEAD}
 * @param branch the branch checked out; null on a detached {@code HEAD} (CI checkouts)
 * @param remote the URL of the remote {@code origin} with any password removed; null when there is
 *     none
 * @param dirty whether tracked files differed from {@code HEAD} or untracked files were there
 */
public record SourceRecord(
    String commit, @Nullable String branch, @Nullable String remote, boolean dirty) {

  /** The first 12 hex digits, enough to tell commits apart in tables. */
  public String shortCommit() {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
