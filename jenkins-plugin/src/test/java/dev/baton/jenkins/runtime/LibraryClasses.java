package dev.baton.jenkins.runtime;

import groovy.lang.Binding;
import java.nio.file.Path;
import java.util.List;

/** The library's {@code src/} classes compiled as Jenkins compiles them, for tests of helpers. */
public final class LibraryClasses {
  private final LibraryLoader loader;

  public LibraryClasses(Path library, boolean cps) {
    this.loader = new LibraryLoader(library, cps);
  }

  public Class<?> load(String name) throws ClassNotFoundException {
    return loader.libraryClass(name);
  }

  /** Fully qualified names of every class under {@code src/}. */
  public static List<String> names(Path library) {
    return LibraryLoader.srcClassNames(library);
  }

  /** Every {@code vars/*.groovy} file. */
  public static List<Path> varsFiles(Path library) {
    return LibraryLoader.varsFiles(library);
  }

  /** Compiles a vars script or Jenkinsfile text, failing as Jenkins would on bad syntax. */
  public void compileScript(String text, String name) {
    loader.script(text, name, new Binding());
  }
}
