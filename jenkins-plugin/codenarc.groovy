// CodeNarc rules for the library's Groovy (src/ and vars/), checked by GroovyLintTest.
// Each rule left out says why: it clashes with what Jenkins' CPS and saved program state need, or
// with the library's plain, Java-like style.
ruleset {
    ruleset('rulesets/basic.xml')
    ruleset('rulesets/braces.xml')
    ruleset('rulesets/concurrency.xml')
    ruleset('rulesets/exceptions.xml') {
        // An aborted build must reach the branch's own handling (StepBranch.isInterruption).
        exclude 'CatchThrowable'
        // Unreadable JSON of any kind is one answer (null), which the caller reports with the file.
        exclude 'CatchException'
        exclude 'ReturnNullFromCatchBlock'
    }
    ruleset('rulesets/imports.xml')
    ruleset('rulesets/unused.xml')
    ruleset('rulesets/serialization.xml')
    ruleset('rulesets/groovyism.xml') {
        // Typed collections say what they hold; the program state Jenkins saves is plain Java.
        exclude 'ExplicitArrayListInstantiation'
        exclude 'ExplicitHashSetInstantiation'
        exclude 'ExplicitLinkedHashMapInstantiation'
    }
    ruleset('rulesets/unnecessary.xml') {
        // Long messages are split over lines with +.
        exclude 'ConsecutiveStringConcatenation'

        // GStrings become Strings on purpose: step arguments and saved maps must hold Strings.
        exclude 'UnnecessaryToString'
        exclude 'UnnecessaryGString'
        // Explicit types, returns, casts and substring() keep CPS-transformed code unambiguous.
        exclude 'UnnecessaryReturnKeyword'
        exclude 'UnnecessaryGetter'
        exclude 'UnnecessaryCast'
        exclude 'UnnecessarySubstring'
        exclude 'UnnecessaryObjectReferences'
        exclude 'UnnecessaryPublicModifier'
        exclude 'UnnecessaryDefInMethodDeclaration'
    }
}
