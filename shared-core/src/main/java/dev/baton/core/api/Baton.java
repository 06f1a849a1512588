package dev.baton.core.api;

import dev.baton.core.descriptor.DescriptorException;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.events.EventSink;
import dev.baton.core.plan.Plan;

/**
 * The one entry point every front end calls. Each method reports user mistakes as a {@link
 * BatonException} subtype ({@link DescriptorException}, {@link UsageException}, {@link
 * InfrastructureException}) and sends progress to the {@link EventSink}.
 */
public final class Baton {
  private final EventSink events;

  public Baton(EventSink events) {
    this.events = events;
  }

  /** Reads and checks the descriptor (and its plan); runs nothing. */
  public PipelineDescriptor check(BatonConfig config) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Plans the run the config describes; runs nothing. */
  public Plan plan(BatonConfig config) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Runs the pipeline and writes its reports; returns how it ended. */
  public RunOutcome run(BatonConfig config) {
    throw new UnsupportedOperationException("not yet " + events);
  }
}
