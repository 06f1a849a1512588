package dev.baton.jenkins

import groovy.json.JsonSlurperClassic

/**
 * Reads the output of {@code baton plan --format json}. JsonSlurperClassic gives plain
 * LinkedHashMaps and ArrayLists, which Jenkins can save with the program (JsonSlurper's lazy maps
 * cannot).
 */
class PlanJson implements Serializable {
    private static final long serialVersionUID = 1L

    /** The plan as a map with pipeline, descriptor, params and steps; null when it is not a plan. */
    @NonCPS
    static Map parse(String json) {
        Object plan
        try {
            plan = new JsonSlurperClassic().parseText(json)
        } catch (Exception e) {
            return null
        }
        if (!(plan instanceof Map) || !(((Map) plan).steps instanceof List)) {
            return null
        }
        for (Object step : ((Map) plan).steps) {
            if (!(step instanceof Map) || !((Map) step).id) {
                return null
            }
            Map s = (Map) step
            s.needs = s.needs instanceof List ? s.needs : []
            s.agent = s.agent instanceof Map ? s.agent : [:]
        }
        return (Map) plan
    }

    /** Any JSON text (a run record) as maps and lists; null when it cannot be read. */
    @NonCPS
    static Object read(String json) {
        try {
            return new JsonSlurperClassic().parseText(json)
        } catch (Exception e) {
            return null
        }
    }

    /** The ids of every step {@code id} depends on, directly or not, in plan order. */
    @NonCPS
    static List<String> ancestors(Map plan, String id) {
        Map<String, Map> byId = [:]
        for (Object step : plan.steps) {
            byId[((Map) step).id as String] = (Map) step
        }
        Set<String> seen = new HashSet<String>()
        // A queue, not recursion: plans of thousands of chained steps must not need a deep stack.
        ArrayDeque<String> pending = new ArrayDeque<String>(byId[id].needs as List)
        while (!pending.isEmpty()) {
            String need = pending.poll()
            if (seen.add(need) && byId[need] != null) {
                pending.addAll(byId[need].needs as List)
            }
        }
        List<String> ordered = []
        for (Object step : plan.steps) {
            if (seen.contains(((Map) step).id)) {
                ordered << (((Map) step).id as String)
            }
        }
        return ordered
    }

    /** The plan indices of the steps that need nothing. */
    @NonCPS
    static List<Integer> roots(Map plan) {
        List<Integer> roots = []
        for (int i = 0; i < plan.steps.size(); i++) {
            if ((((Map) plan.steps[i]).needs as List).isEmpty()) {
                roots << i
            }
        }
        return roots
    }

    /** For each step id, the plan indices of the steps that need it directly, in plan order. */
    @NonCPS
    static Map<String, List<Integer>> dependents(Map plan) {
        Map<String, List<Integer>> dependents = new LinkedHashMap<String, List<Integer>>()
        for (int i = 0; i < plan.steps.size(); i++) {
            for (Object need : ((Map) plan.steps[i]).needs as List) {
                List<Integer> list = dependents[String.valueOf(need)]
                if (list == null) {
                    list = new ArrayList<Integer>()
                    dependents[String.valueOf(need)] = list
                }
                list << i
            }
        }
        return dependents
    }

    /** Whether the step's {@code when} calls a status function: it runs after any end of its needs. */
    @NonCPS
    static boolean onStatus(Map step) {
        return step.statusFunctions instanceof List && !((List) step.statusFunctions).isEmpty()
    }

    /** A cleanup step: its {@code when} calls failure(), cancelled() or always(), so it may run after an abort. */
    @NonCPS
    static boolean cleanup(Map step) {
        if (!onStatus(step)) {
            return false
        }
        for (Object f : (List) step.statusFunctions) {
            if (String.valueOf(f) != 'success') {
                return true
            }
        }
        return false
    }

    /** A dynamic step: its matrix reads its needs, so its cells are made once they have ended. */
    @NonCPS
    static boolean pending(Map step) {
        return step.expansion instanceof Map && ((Map) step.expansion).pending == true
    }

    /** The id of the plan step a step or dynamic cell belongs to. */
    @NonCPS
    static String planId(Map step) {
        return step.dynamic instanceof Map ? String.valueOf(((Map) step.dynamic).step) : String.valueOf(step.id)
    }

    /** How many GPUs a planned step asks for (0 when none). */
    @NonCPS
    static int gpus(Map step) {
        Object gpus = step.agent.gpus
        return gpus == null ? 0 : (gpus as int)
    }

    /** The step's label expression; empty means any agent. */
    @NonCPS
    static String label(Map step) {
        return step.agent.label == null ? '' : String.valueOf(step.agent.label)
    }

    /**
     * Ant patterns, relative to the workspace, for a step's declared outputs (which the plan gives
     * relative to the descriptor's directory), when the plan lists any.
     */
    @NonCPS
    static String outputPatterns(Map step, String descriptorFile) {
        if (!(step.outputs instanceof List) || ((List) step.outputs).isEmpty()) {
            return null
        }
        int slash = descriptorFile.lastIndexOf('/')
        String base = slash > 0 ? descriptorFile.substring(0, slash + 1) : ''
        if (base.startsWith('./')) {
            base = base.substring(2)
        }
        List<String> patterns = []
        for (Object output : (List) step.outputs) {
            String path = base + String.valueOf(output).replaceFirst('^\\./', '')
            patterns << (path.endsWith('/') ? path + '**' : path + ',' + path + '/**')
        }
        return patterns.join(',')
    }
}
