package org.careloop.engine.security;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.careloop.processes.ProcessBeans;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What process models may reach, set on the engine before it is built:
 * <ul>
 * <li>expressions see only the beans the model contract names ({@link ProcessBeans}), never the rest of the application;</li>
 * <li>{@link ReflectionGuard} refuses reflection, class loading, {@code Runtime} and the like in every expression;</li>
 * <li>script tasks and scripts do not run unless {@code careloop.security.scripts-enabled} is true;</li>
 * <li>no expressions in stored or ad-hoc queries (a saved Tasklist filter is a query);</li>
 * <li>no account lock in the identity service: sign-in throttling by source address does that job, so that nobody
 * can lock an integration out by guessing its password ({@link SignInThrottle}).</li>
 * </ul>
 */
@Component
class EngineHardening extends AbstractProcessEnginePlugin {

    private final ApplicationContext context;
    private final SecurityProperties properties;

    EngineHardening(ApplicationContext context, SecurityProperties properties) {
        this.context = context;
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = new ExposedBeans(context);
        configuration.setBeans(beans);
        configuration.setExpressionManager(new GuardedExpressionManager(context, beans));
        configuration.setEnableExpressionsInStoredQueries(false);
        configuration.setEnableExpressionsInAdhocQueries(false);
        configuration.setEnableScriptEngineLoadExternalResources(false);
        if (!properties.scriptsEnabled()) {
            configuration.setScriptEngineResolver(new ScriptsOff());
        }
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayBase(0);
        List<String> adminGroups =
                new ArrayList<>(configuration.getAdminGroups() == null ? List.of() : configuration.getAdminGroups());
        if (!adminGroups.contains(Groups.ADMIN)) {
            adminGroups.add(Groups.ADMIN);
        }
        configuration.setAdminGroups(adminGroups);
    }

    /** The beans process expressions may name, looked up lazily so that no delegate is built before the engine. */
    static final class ExposedBeans extends AbstractMap<Object, Object> {
        private final ApplicationContext context;
        private volatile Set<String> names;

        ExposedBeans(ApplicationContext context) {
            this.context = context;
        }

        Set<String> names() {
            Set<String> current = names;
            if (current == null) {
                Set<String> missing = new LinkedHashSet<>(ProcessBeans.all());
                missing.removeIf(context::containsBean);
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("Beans the process models may name are missing: " + missing);
                }
                current = ProcessBeans.all();
                names = current;
            }
            return current;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && names().contains(name);
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? context.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return names().stream()
                    .<Entry<Object, Object>>map(n -> new SimpleImmutableEntry<>(n, context.getBean(n)))
                    .collect(Collectors.toSet());
        }
    }

    /** Refuses every script language, with a message that says how to turn scripts on. */
    static final class ScriptsOff implements ScriptEngineResolver {
        @Override
        public void addScriptEngineFactory(ScriptEngineFactory factory) {
            // no script engines
        }

        @Override
        public ScriptEngineManager getScriptEngineManager() {
            return new ScriptEngineManager(null);
        }

        @Override
        public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
            throw new ProcessEngineException(
                    "Scripts are turned off on this server (careloop.security.scripts-enabled); "
                            + "use an expression or a delegate");
        }
    }
}
