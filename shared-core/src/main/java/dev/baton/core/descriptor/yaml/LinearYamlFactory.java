package dev.baton.core.descriptor.yaml;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.StringReader;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * Jackson's YAML factory whose parsers read text through a {@link WholeTextStreamReader}, so a long
 * token costs time in proportion to its length (the library's own reader is quadratic in it).
 */
final class LinearYamlFactory extends YAMLFactory {
  private static final long serialVersionUID = 1L;

  LinearYamlFactory(YAMLFactoryBuilder builder) {
    super(builder);
  }

  /** A parser of {@code text}, with this factory's limits and loader options. */
  YAMLParser parserOf(String text) {
    return parserOf(text, new WholeTextStreamReader(text));
  }

  YAMLParser parserOf(String text, WholeTextStreamReader reader) {
    IOContext context = _createContext(_createContentReference(text), false);
    return new Parser(
        context,
        _parserFeatures,
        _yamlParserFeatures,
        _objectCodec,
        new StringReader(text),
        new ParserImpl(reader, _loaderOptions));
  }

  /** Opens YAMLParser's constructor that takes a ready SnakeYAML parser. */
  private static final class Parser extends YAMLParser {
    Parser(
        IOContext context,
        int parserFeatures,
        int formatFeatures,
        @Nullable ObjectCodec codec,
        StringReader reader,
        ParserImpl yamlParser) {
      super(context, parserFeatures, formatFeatures, codec, reader, yamlParser);
    }
  }
}
