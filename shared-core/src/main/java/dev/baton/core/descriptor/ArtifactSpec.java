package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;

/**
 * A named artifact a step makes ({@code artifacts: [{name: model, path: dist/model.bin}]}): each
 * successful run records a new version of it in the run history, and aliases ({@code champion})
 * point at versions.
 *
 * @param name an identifier, unique in the pipeline
 * @param path a file relative to the workspace (the descriptor's directory), inside it
 * @param position where the entry is written
 */
public record ArtifactSpec(String name, String path, SourcePosition position) {}
