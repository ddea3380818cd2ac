package org.careloop.engine.security;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * First resolver of every process expression: refuses any step that reaches Java reflection, class loading, the
 * runtime, processes, threads, files or script engines, e.g. {@code ${''.getClass().forName('java.lang.Runtime')}}.
 * It resolves nothing itself; what it allows is left to the resolvers behind it.
 */
final class ReflectionGuard extends ELResolver {

    private static final Set<String> METHODS = Set.of(
            "getClass",
            "forName",
            "getClassLoader",
            "getContextClassLoader",
            "loadClass",
            "defineClass",
            "newInstance",
            "getRuntime",
            "exec",
            "invoke",
            "getMethod",
            "getMethods",
            "getDeclaredMethod",
            "getDeclaredMethods",
            "getConstructor",
            "getConstructors",
            "getDeclaredConstructor",
            "getDeclaredConstructors",
            "getField",
            "getFields",
            "getDeclaredField",
            "getDeclaredFields",
            "setAccessible",
            "getProcessEngine",
            "getProcessEngineServices",
            "getEngineServices",
            "lookup",
            "halt",
            "exit",
            "load",
            "loadLibrary",
            "getEngineByName",
            "getEngineByExtension",
            "getEngineByMimeType");
    private static final Set<String> PROPERTIES = Set.of(
            "class",
            "classLoader",
            "contextClassLoader",
            "runtime",
            "declaredMethods",
            "methods",
            "declaredFields",
            "declaredConstructors",
            "processEngine",
            "processEngineServices");
    private static final Set<String> PACKAGES = Set.of(
            "java.lang.reflect.",
            "java.lang.invoke.",
            "javax.script.",
            "java.io.",
            "java.nio.file.",
            "java.net.",
            "sun.",
            "jdk.",
            "com.sun.",
            "org.springframework.context.",
            "org.springframework.beans.",
            "org.springframework.core.env.");
    private static final Set<Class<?>> TYPES = Set.of(
            Class.class,
            ClassLoader.class,
            Runtime.class,
            ProcessBuilder.class,
            Process.class,
            Thread.class,
            System.class,
            Module.class,
            ModuleLayer.class,
            ProcessHandle.class);

    static void check(Object base, Object name) {
        if (base != null && dangerous(base.getClass())) {
            throw refused();
        }
        if (name instanceof String member && (METHODS.contains(member) || PROPERTIES.contains(member))) {
            throw refused();
        }
    }

    private static boolean dangerous(Class<?> type) {
        for (Class<?> t : TYPES) {
            if (t.isAssignableFrom(type)) {
                return true;
            }
        }
        String name = type.getName();
        return PACKAGES.stream().anyMatch(name::startsWith);
    }

    private static ProcessEngineException refused() {
        return new ProcessEngineException("Expression refused: process expressions may not reach reflection, class "
                + "loading, the runtime, processes, files or the engine's internals");
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        check(base, method);
        return null;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base != null) {
            check(base, property);
        }
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        if (base != null) {
            check(base, property);
        }
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base != null) {
            check(base, property);
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
