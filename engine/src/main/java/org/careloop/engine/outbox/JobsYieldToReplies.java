package org.careloop.engine.outbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The engine's jobs are batch work too (a campaign's timers and check-in sends): each job the job executor has
 * acquired yields to the replies this node works on ({@link RepliesFirst}) before it runs. An answer's own job does
 * not wait: the thread that read the reply runs it.
 */
@Configuration(proxyBeanMethods = false)
class JobsYieldToReplies {

    /** The Camunda starter's executor for the job executor's threads, by its bean name. */
    static final String JOB_EXECUTOR_THREADS = "camundaTaskExecutor";

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
}
