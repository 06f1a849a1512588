package dev.baton.cli;

import dev.baton.core.record.BatonBuild;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code baton --version}: the version, the commit and its date, as the build recorded them (the
 * same values run.json records).
 */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"baton " + BatonBuild.current().describe()};
  }
}
