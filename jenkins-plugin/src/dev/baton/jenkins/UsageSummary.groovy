package dev.baton.jenkins

/**
 * The build summary of one {@code baton(...)} call: for each step that ran, what its last attempt
 * used (CPU time, peak memory, per GPU peak memory and utilisation) from the merged run.json, then
 * the right-sizing advice of {@code baton advise}. Plain text: Jenkins' default markup formatter
 * shows the description as text.
 */
class UsageSummary implements Serializable {
    private static final long serialVersionUID = 1L
    /** Steps listed one by one; the rest are counted, so a big fan-out keeps the page short. */
    static final int MAX_STEPS = 30

    @NonCPS
    static String describe(String pipeline, String runJson, String advice) {
        Object run = PlanJson.read(runJson)
        List<String> lines = []
        int more = 0
        if (run instanceof Map && ((Map) run).steps instanceof List) {
            for (Object s : (List) ((Map) run).steps) {
                String line = s instanceof Map ? usageLine((Map) s) : null
                if (line == null) {
                    continue
                }
                if (lines.size() < MAX_STEPS) {
                    lines << line
                } else {
                    more++
                }
            }
        }
        if (more > 0) {
            lines << "... and ${more} more step(s): see usage in report.html".toString()
        }
        List<String> advised = []
        for (String line : (advice ?: '').readLines()) {
            String l = line.trim()
            if (l && !l.startsWith('no advice')) {
                advised << l
            }
        }
        if (lines.isEmpty() && advised.isEmpty()) {
            return ''
        }
        StringBuilder text = new StringBuilder("Baton ${pipeline}: usage")
        for (String l : lines) {
            text.append('\n  ').append(l)
        }
        text.append('\nRight-sizing advice:')
        if (advised.isEmpty()) {
            text.append(' none (every measured step used about what it asked for)')
        }
        for (String l : advised) {
            text.append('\n  ').append(l)
        }
        return text.toString()
    }

    /** "train[lr=0.1]: 1.2 s CPU, peak 210 MiB; GPU 0: peak 11.2 GiB, 35% mean, 80% peak", or null. */
    @NonCPS
    static String usageLine(Map step) {
        if (!(step.attempts instanceof List) || ((List) step.attempts).isEmpty()) {
            return null
        }
        Object last = ((List) step.attempts)[-1]
        Object usage = last instanceof Map ? ((Map) last).usage : null
        if (!(usage instanceof Map)) {
            return null
        }
        Map u = (Map) usage
        StringBuilder line = new StringBuilder(String.valueOf(step.id)).append(': ')
        line.append(String.format('%.1f s CPU', (u.cpuSeconds ?: 0) as double))
        line.append(', peak ').append(bytes(u.peakRssBytes))
        if (u.gpus instanceof List) {
            for (Object g : (List) u.gpus) {
                if (g instanceof Map) {
                    Map gpu = (Map) g
                    line.append("; GPU ${gpu.index}: peak ${bytes(gpu.peakMemoryBytes)}, ".toString())
                    line.append("${gpu.meanUtilization ?: 0}% mean, ${gpu.peakUtilization ?: 0}% peak".toString())
                }
            }
        }
        return line.toString()
    }

    @NonCPS
    static String bytes(Object value) {
        double b = value == null ? 0 : (value as double)
        if (b >= 1024d * 1024 * 1024) {
            return String.format('%.1f GiB', b / (1024d * 1024 * 1024))
        }
        return String.format('%.0f MiB', b / (1024d * 1024))
    }
}
