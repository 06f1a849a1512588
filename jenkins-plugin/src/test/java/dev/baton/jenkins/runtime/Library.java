package dev.baton.jenkins.runtime;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * {@code @Library('baton') _} in a Jenkinsfile compiles against this, as against Jenkins' own
 * annotation; the runtime has already loaded the library under test, so the annotation only names
 * it.
 */
@Retention(RetentionPolicy.SOURCE)
public @interface Library {
  String[] value();
}
