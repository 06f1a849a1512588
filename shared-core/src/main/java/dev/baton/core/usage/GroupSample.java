package dev.baton.core.usage;

/** One process group at one sample: the sums over its live processes. */
record GroupSample(long cpuTicks, long rssBytes, long readBytes, long writeBytes) {
  GroupSample plus(GroupSample other) {
    return new GroupSample(
        cpuTicks + other.cpuTicks,
        rssBytes + other.rssBytes,
        readBytes + other.readBytes,
        writeBytes + other.writeBytes);
  }
}
