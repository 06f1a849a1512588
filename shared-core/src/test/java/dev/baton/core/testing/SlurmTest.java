package dev.baton.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tags a test that needs a Slurm cluster (tag {@value TestTags#SLURM}). It runs in the default
 * build and skips through {@link RequiredTool} where no cluster answers (fails under CI); select
 * only these with {@code -Dgroups=slurm}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(TestTags.SLURM)
public @interface SlurmTest {}
