package dev.baton.jenkins.runtime;

import com.cloudbees.groovy.cps.CpsTransformer;
import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.Script;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * Loads a shared library the way Jenkins does: {@code src/} on the class path of the script class
 * loader, each {@code vars/NAME.groovy} as the global variable {@code NAME}, every script on the
 * {@link PipelineScript} base class, {@code NonCPS} and {@code Library} imported, and, under CPS,
 * everything compiled through the CPS transformer.
 */
final class LibraryLoader {
  private final GroovyClassLoader loader;

  LibraryLoader(Path library, boolean cps) {
    CompilerConfiguration config = new CompilerConfiguration();
    config.setScriptBaseClass(PipelineScript.class.getName());
    ImportCustomizer imports = new ImportCustomizer();
    imports.addImports("com.cloudbees.groovy.cps.NonCPS", Library.class.getName());
    config.addCompilationCustomizers(imports);
    if (cps) {
      config.addCompilationCustomizers(new CpsTransformer());
    }
    loader = new GroovyClassLoader(LibraryLoader.class.getClassLoader(), config);
    loader.addClasspath(library.resolve("src").toString());
  }

  /** Compiles every {@code vars/*.groovy} and binds an instance of each under its file name. */
  void bindGlobalVariables(Path library, Binding binding) {
    for (Path file : varsFiles(library)) {
      String name = file.getFileName().toString().replaceFirst("\\.groovy$", "");
      binding.setVariable(name, script(read(file), name, binding));
    }
  }

  /** Compiles a pipeline script (Jenkinsfile or vars file) against the library. */
  Script script(String text, String name, Binding binding) {
    Class<?> type = loader.parseClass(text, name + ".groovy");
    return InvokerHelper.createScript(type, binding);
  }

  /** The class loader of the library and the scripts, which a restart reads classes back from. */
  ClassLoader classLoader() {
    return loader;
  }

  /** Loads (and so compiles) a library class from {@code src/}. */
  Class<?> libraryClass(String name) throws ClassNotFoundException {
    return loader.loadClass(name);
  }

  static List<Path> varsFiles(Path library) {
    try (Stream<Path> files = Files.list(library.resolve("vars"))) {
      return files.filter(f -> f.toString().endsWith(".groovy")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> srcClassNames(Path library) {
    Path src = library.resolve("src");
    try (Stream<Path> files = Files.walk(src)) {
      return files
          .filter(f -> f.toString().endsWith(".groovy"))
          .map(f -> src.relativize(f).toString().replace(File.separatorChar, '.'))
          .map(n -> n.replaceFirst("\\.groovy$", ""))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
