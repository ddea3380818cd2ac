package org.careloop.engine.config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * The process engine starts after the engine database's migrations (which create Camunda's tables), as the JPA and
 * JDBC beans do. Registered in {@code META-INF/spring.factories}.
 */
public class EngineAfterSchema implements DependsOnDatabaseInitializationDetector {

    @Override
    public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
        return Arrays.stream(beanFactory.getBeanNamesForType(ProcessEngineFactoryBean.class, false, false))
                .map(BeanFactoryUtils::transformedBeanName)
                .collect(Collectors.toSet());
    }
}
