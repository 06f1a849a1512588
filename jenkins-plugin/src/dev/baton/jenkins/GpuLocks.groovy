package dev.baton.jenkins

/**
 * The GPU convention with the Lockable Resources plugin: one lockable resource per GPU, labelled
 * {@code <node name>-gpu}, its name ending in the GPU's index ({@code a100-1-gpu-0}).
 */
class GpuLocks implements Serializable {
    private static final long serialVersionUID = 1L

    @NonCPS
    static String label(String nodeName) {
        return nodeName + '-gpu'
    }

    /**
     * The GPU indices in the locked resource names ({@code "a100-1-gpu-1,a100-1-gpu-0"} gives
     * {@code "0,1"}), or null when a name does not end in a number.
     */
    @NonCPS
    static String indices(String lockedNames) {
        List<Integer> indices = []
        for (String name : String.valueOf(lockedNames).split(',')) {
            java.util.regex.Matcher m = name.trim() =~ /(\d+)$/
            if (!m.find()) {
                return null
            }
            indices << Integer.valueOf(m.group(1))
        }
        Collections.sort(indices)
        return indices.join(',')
    }
}
