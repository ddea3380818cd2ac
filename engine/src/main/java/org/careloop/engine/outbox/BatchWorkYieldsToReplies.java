package org.careloop.engine.outbox;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Batch work outside the outbox yields to the replies this node works on ({@link RepliesFirst}) too: each job the
 * engine's job executor has acquired (a campaign's timers and check-in sends), and each write an EHR makes to the FHIR
 * API (a campaign's discharges), wait before they run. An answer's own job does not wait: the thread that read the
 * reply runs it. FHIR reads, the webhooks and the pages never wait.
 */
@Configuration(proxyBeanMethods = false)
class BatchWorkYieldsToReplies {

    /** The Camunda starter's executor for the job executor's threads, by its bean name. */
    static final String JOB_EXECUTOR_THREADS = "camundaTaskExecutor";

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Bean
    static BeanPostProcessor jobExecutorThreadsYieldToReplies(ObjectProvider<RepliesFirst> repliesFirst) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (JOB_EXECUTOR_THREADS.equals(name) && bean instanceof ThreadPoolTaskExecutor threads) {
                    threads.setTaskDecorator(job -> () -> {
                        repliesFirst.getObject().yieldToReplies();
                        job.run();
                    });
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> fhirWritesYieldToReplies(RepliesFirst repliesFirst) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (WRITES.contains(request.getMethod())) {
                    repliesFirst.yieldToReplies();
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/fhir/*");
        // after Spring Security: a refused request is refused at once
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
        return registration;
    }
}
