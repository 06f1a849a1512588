package dev.baton.jenkins

/**
 * The GPU conventions with the Lockable Resources plugin. An agent with GPUs carries the Jenkins
 * label {@code gpus-<count>}, so a step goes only to agents with enough GPUs; each GPU is one
 * lockable resource carrying the agent's GPU lock label and named so that it ends in the GPU's
 * index ({@code a100-1-gpu-0}). The lock label is the agent's {@code BATON_GPU_LOCK_LABEL} (an
 * environment variable of the node or of a cloud's agent template), else {@code <node name>-gpu};
 * {@code none} means the agent's GPUs are its own (a container given its GPUs, one executor).
 */
class GpuLocks implements Serializable {
    private static final long serialVersionUID = 1L
    static final String NO_LOCK = 'none'
    /** The largest gpus-N label the node choice lists. */
    static final int MAX_GPUS = 16

    /** The label of the current agent's GPU resources: {@code configured}, else {@code <node>-gpu}. */
    @NonCPS
    static String label(String nodeName, String configured) {
        String given = configured == null ? '' : configured.trim()
        return given ? given : nodeName + '-gpu'
    }

    /**
     * The step's label expression narrowed to agents labelled {@code gpus-N} with N at least
     * {@code gpus}: {@code (gpu) && (gpus-2 || gpus-3 || ... || gpus-16)}.
     */
    @NonCPS
    static String nodeLabel(String label, int gpus) {
        if (gpus <= 0) {
            return label
        }
        List<String> counts = []
        for (int n = gpus; n <= MAX_GPUS; n++) {
            counts << "gpus-${n}".toString()
        }
        String enough = counts.isEmpty() ? "gpus-${gpus}".toString()
                : counts.size() == 1 ? counts[0] : '(' + counts.join(' || ') + ')'
        return label ? "(${label}) && ${enough}".toString() : enough
    }

    /** {@code "0,1,...,count-1"}: the GPUs of an agent whose GPUs are its own. */
    @NonCPS
    static String firstIndices(int count) {
        List<Integer> indices = []
        for (int i = 0; i < count; i++) {
            indices << i
        }
        return indices.join(',')
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
