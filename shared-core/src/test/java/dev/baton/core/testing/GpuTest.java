package dev.baton.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tags a test that needs real NVIDIA GPUs (tag {@value TestTags#GPU}). Left out of the default
 * build; run with {@code -Dgroups=gpu -Dbaton.excludedGroups=benchmark,fuzz}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(TestTags.GPU)
public @interface GpuTest {}
