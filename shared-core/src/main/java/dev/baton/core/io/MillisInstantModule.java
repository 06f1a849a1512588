package dev.baton.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Jackson support for {@link Instant} as ISO-8601 UTC text with exactly three millisecond digits
 * ({@code 2026-11-24T10:15:00.120Z}), so every instant in a run record has one fixed shape that
 * sorts as text and reads the same in any tool.
 */
public final class MillisInstantModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public MillisInstantModule() {
    super("baton-millis-instant");
    addSerializer(Instant.class, new Writer());
    addDeserializer(Instant.class, new Reader());
  }

  /** Formats an instant as ISO-8601 UTC with exactly three millisecond digits (truncating). */
  public static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Parses any ISO-8601 instant ({@code Z} or an offset); more precision than millis is kept. */
  public static Instant parse(String text) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
  }

  private static final class Writer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(format(value));
    }
  }

  private static final class Reader extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant)
            context.handleUnexpectedToken(
                Instant.class,
                parser.currentToken(),
                parser,
                "expected an ISO-8601 instant such as 2026-11-24T10:15:00.120Z");
      }
      String text = parser.getText().trim();
      try {
        return parse(text);
      } catch (DateTimeException e) {
        return (Instant)
            context.handleWeirdStringValue(
                Instant.class,
                text,
                "expected an ISO-8601 instant such as 2026-11-24T10:15:00.120Z");
      }
    }
  }
}
