package dev.baton.jenkins

/**
 * The arguments of {@code baton}, {@code batonValidate}, {@code batonBenchmark}, {@code batonDeploy}
 * and {@code batonPlan}, with their defaults; {@link #problems} lists every wrong one at once.
 */
class BatonOptions implements Serializable {
    private static final long serialVersionUID = 1L
    static final List<String> NAMES = ['file', 'params', 'only', 'reportDir', 'label', 'cli',
                                       'cliVersion', 'checkout', 'gateFailure', 'carry']
    static final List<String> GATE_RESULTS = ['UNSTABLE', 'FAILURE', 'SUCCESS']

    String file = 'baton.yaml'
    Map<String, String> params = [:]
    List<String> only = []
    /** validate, benchmark or deploy: run the steps of that kind and what they need; null: all. */
    String kind
    String reportDir = 'baton-reports'
    /** Where to plan and merge reports when not already inside node { }; empty: any agent. */
    String label = ''
    /** A command that runs the Baton CLI on agents; null: $BATON_CLI there, else Maven. */
    String cli
    /** The CLI version to fetch; null: the library's own (resources/.../cli-version.txt). */
    String cliVersion
    boolean checkout = true
    String gateFailure = 'UNSTABLE'
    /**
     * Which files a step hands to the steps that need it on other agents: 'changed' (what it created
     * or changed in the workspace), 'none', or Ant patterns such as 'build/**'.
     */
    String carry = 'changed'
    List<String> problems = []

    @NonCPS
    static BatonOptions parse(Map args, String kind) {
        BatonOptions o = new BatonOptions()
        o.kind = kind
        Map given = args == null ? [:] : args
        for (Object key : given.keySet()) {
            if (!NAMES.contains(String.valueOf(key))) {
                o.problems << "unknown argument '${key}'${suggestion(String.valueOf(key))}; use one of ${NAMES.join(', ')}".toString()
            }
        }
        o.file = text(given, 'file', o.file, o)
        o.reportDir = text(given, 'reportDir', o.reportDir, o)
        o.label = given.containsKey('label') ? String.valueOf(given.label ?: '') : o.label
        o.cli = given.cli == null ? null : String.valueOf(given.cli)
        o.cliVersion = text(given, 'cliVersion', o.cliVersion, o)
        o.checkout = given.containsKey('checkout') ? given.checkout as boolean : true
        o.gateFailure = String.valueOf(given.gateFailure ?: o.gateFailure).toUpperCase()
        if (!GATE_RESULTS.contains(o.gateFailure)) {
            o.problems << "gateFailure '${given.gateFailure}' is not one of ${GATE_RESULTS.join(', ')}; pick one of them".toString()
        }
        o.carry = text(given, 'carry', o.carry, o)
        o.params = readParams(given.params, o)
        o.only = readOnly(given.only, o)
        String dir = o.reportDir
        if (dir.startsWith('/') || dir.split('/').contains('..') || dir.replace('/', '') in ['', '.']) {
            o.problems << ("reportDir '${o.reportDir}' is not a directory inside the workspace; "
                           + "give a relative path such as 'baton-reports'").toString()
        }
        return o
    }

    @NonCPS
    private static String text(Map given, String name, String otherwise, BatonOptions o) {
        if (!given.containsKey(name)) {
            return otherwise
        }
        String value = given[name] == null ? '' : String.valueOf(given[name]).trim()
        if (value.isEmpty()) {
            o.problems << "${name} is empty; give a value or leave the argument out".toString()
            return otherwise
        }
        return value
    }

    @NonCPS
    private static Map<String, String> readParams(Object params, BatonOptions o) {
        Map<String, String> out = [:]
        if (params == null) {
            return out
        }
        if (!(params instanceof Map)) {
            o.problems << "params must be a map such as [dataset: 'data/churn.csv'], not '${params}'".toString()
            return out
        }
        for (Object key : ((Map) params).keySet()) {
            out[String.valueOf(key)] = String.valueOf(((Map) params)[key])
        }
        return out
    }

    @NonCPS
    private static List<String> readOnly(Object only, BatonOptions o) {
        List<String> out = []
        if (only == null) {
            return out
        }
        List items = only instanceof Collection ? new ArrayList((Collection) only) : stepIds(String.valueOf(only))
        for (Object item : items) {
            String id = String.valueOf(item).trim()
            if (!id.isEmpty()) {
                out << id
            }
        }
        if (out.isEmpty()) {
            o.problems << "only names no step; give step names such as ['train'] or leave it out".toString()
        }
        return out
    }

    /**
     * Splits {@code only: 'prep,train[lr=0.1,l2=0]'} at commas outside brackets, as the CLI's
     * {@code --only} does: a matrix cell's id has commas of its own.
     */
    @NonCPS
    static List<String> stepIds(String text) {
        List<String> parts = []
        int depth = 0
        int start = 0
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i)
            if (c == (char) '[') {
                depth++
            } else if (c == (char) ']' && depth > 0) {
                depth--
            } else if (c == (char) ',' && depth == 0) {
                parts << text.substring(start, i)
                start = i + 1
            }
        }
        parts << text.substring(start)
        return parts
    }

    /** ", did you mean 'file'?" when a known argument is one or two edits away. */
    @NonCPS
    private static String suggestion(String key) {
        for (String name : NAMES) {
            if (distance(key.toLowerCase(), name.toLowerCase()) <= 2) {
                return ", did you mean '${name}'?"
            }
        }
        return ''
    }

    @NonCPS
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1]
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1]
            current[0] = i
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.length()]
    }
}
