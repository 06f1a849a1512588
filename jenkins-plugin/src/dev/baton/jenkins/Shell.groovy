package dev.baton.jenkins

/**
 * Builds shell command lines in which every argument stays one literal word, so a parameter value
 * or a step id such as {@code train[lr=0.01]} can never be read as shell syntax.
 */
class Shell implements Serializable {
    private static final long serialVersionUID = 1L

    /** One argument in single quotes; a single quote inside becomes '\''. */
    @NonCPS
    static String quote(Object word) {
        return "'" + String.valueOf(word).replace("'", "'\\''") + "'"
    }

    /** The words quoted and joined by spaces. */
    @NonCPS
    static String join(List words) {
        StringBuilder line = new StringBuilder()
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                line.append(' ')
            }
            line.append(quote(words[i]))
        }
        return line.toString()
    }
}
