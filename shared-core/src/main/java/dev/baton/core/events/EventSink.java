package dev.baton.core.events;

/** Receives the core's events; implementations must be thread-safe and must not block long. */
@FunctionalInterface
public interface EventSink {
  EventSink NONE = event -> {};

  void accept(RunEvent event);

  /** Sends every event to this sink and then to {@code other}. */
  default EventSink andThen(EventSink other) {
    return event -> {
      accept(event);
      other.accept(event);
    };
  }
}
