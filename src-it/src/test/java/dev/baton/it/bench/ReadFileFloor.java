package dev.baton.it.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The floor of {@code baton plan}: a JVM started with the same options that reads the same
 * descriptor and walks its YAML tokens with the parser Baton uses, then exits.
 */
public final class ReadFileFloor {
  private ReadFileFloor() {}

  public static void main(String[] args) throws Exception {
    String text = Files.readString(Path.of(args[0]));
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
    long tokens = 0;
    try (YAMLParser p = factory.createParser(text)) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      while (p.nextToken() != null) {
        tokens++;
      }
    }
    System.out.println(text.length() + " chars, " + tokens + " tokens");
  }
}
