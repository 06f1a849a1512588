package dev.baton.jenkins

/**
 * Runs the Baton CLI on the current agent through the launcher script in resources/: {@code cli:}
 * or the agent's {@code BATON_CLI} when set, else the CLI jar fetched once with Maven.
 */
class BatonCli implements Serializable {
    private static final long serialVersionUID = 1L
    /** The library resource holding the CLI version this library was released with. */
    static final String VERSION_RESOURCE = 'dev/baton/jenkins/cli-version.txt'
    static final String LAUNCHER = '.baton/jenkins/baton-cli.sh'
    static final String CARRY = '.baton/jenkins/baton-carry.sh'

    private final script
    private final BatonOptions options

    BatonCli(def script, BatonOptions options) {
        this.script = script
        this.options = options
    }

    /** Writes the launcher and the carry script into the current workspace, once per node block. */
    void install() {
        script.writeFile(file: LAUNCHER, text: script.libraryResource('dev/baton/jenkins/baton-cli.sh'))
        script.writeFile(file: CARRY, text: script.libraryResource('dev/baton/jenkins/baton-carry.sh'))
    }

    /** Runs the carry script (mark, pack or unpack) in the current workspace. */
    void carry(List<String> args, String label) {
        script.sh(script: 'bash ' + Shell.quote(CARRY) + ' ' + Shell.join(args), label: label)
    }

    /** Runs {@code baton <args>} in the current workspace and returns its exit code. */
    int run(List<String> args, String label) {
        return script.sh(script: commandLine(args, null), returnStatus: true, label: label) as int
    }

    /** As {@link #run}, with standard output written to {@code stdoutFile}. */
    int runTo(List<String> args, String stdoutFile, String label) {
        return script.sh(script: commandLine(args, stdoutFile), returnStatus: true, label: label) as int
    }

    /** As {@link #run}, with both output streams written to {@code outputFile} instead of the log. */
    int runQuietly(List<String> args, String outputFile, String label) {
        return script.sh(script: commandLine(args, outputFile) + ' 2>&1', returnStatus: true, label: label) as int
    }

    /** {@code -p key=value} for each parameter. */
    @NonCPS
    List<String> paramArgs() {
        List<String> args = []
        for (String key : options.params.keySet()) {
            args << '-p'
            args << (key + '=' + options.params[key])
        }
        return args
    }

    @NonCPS
    String commandLine(List<String> args, String stdoutFile) {
        StringBuilder line = new StringBuilder()
        line.append('BATON_VERSION=').append(Shell.quote(options.cliVersion)).append(' ')
        if (options.cli) {
            line.append('BATON_CLI=').append(Shell.quote(options.cli)).append(' ')
        }
        line.append('bash ').append(Shell.quote(LAUNCHER)).append(' ').append(Shell.join(args))
        if (stdoutFile) {
            line.append(' > ').append(Shell.quote(stdoutFile))
            int slash = stdoutFile.lastIndexOf('/')
            String dir = slash > 0 ? stdoutFile.substring(0, slash) : '.'
            line.insert(0, 'mkdir -p ' + Shell.quote(dir) + ' && ')
        }
        return line.toString()
    }
}
