package dev.baton.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tags a randomised test that runs for a time with a new seed each run (tag {@value
 * TestTags#FUZZ}). Left out of the default build, which fuzzes a fixed seed briefly instead; {@code
 * .ci/run} runs these as a step of their own. Not Jazzer's annotation of the same name: this one
 * only tags.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(TestTags.FUZZ)
public @interface FuzzTest {}
