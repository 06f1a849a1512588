package dev.baton.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tags a test that needs a container runtime (tag {@value TestTags#CONTAINER}): podman, with images
 * built locally from busybox-static by {@link TestImages}. It runs in the default build and skips
 * through {@link RequiredTool} where podman is missing (fails under CI); select only these with
 * {@code -Dgroups=container}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(TestTags.CONTAINER)
public @interface ContainerTest {}
