package org.careloop.engine.security;

import java.util.Map;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/** Camunda's Spring expression manager with {@link ReflectionGuard} in front and only the exposed beans behind it. */
final class GuardedExpressionManager extends SpringExpressionManager {

    GuardedExpressionManager(ApplicationContext context, Map<Object, Object> beans) {
        super(context, beans);
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new ReflectionGuard());
        resolver.add(super.createElResolver());
        return resolver;
    }
}
