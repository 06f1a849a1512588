package dev.baton.jenkins.runtime;

/**
 * Marks objects that Jenkins itself provides to a pipeline ({@code env}, {@code currentBuild},
 * {@code scm}, the steps): Jenkins knows how to save them with the program, so the serialization
 * check replaces them instead of demanding that they be {@link java.io.Serializable}.
 */
interface JenkinsProvided {}
