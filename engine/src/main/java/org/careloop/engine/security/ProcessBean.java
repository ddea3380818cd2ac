package org.careloop.engine.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean that BPMN expressions may name (e.g. {@code ${schedule.after(...)}}). Besides these, only
 * the delegates and listeners (JavaDelegate, ExecutionListener, TaskListener beans) are visible to process models;
 * every other bean of the application is not.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ProcessBean {
}
