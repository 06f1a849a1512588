package dev.baton.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tags a test that drives Chromium (tag {@value TestTags#BROWSER}). It runs in the default build
 * and skips through {@link RequiredTool} where Chromium is missing (fails under CI).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(TestTags.BROWSER)
public @interface BrowserTest {}
