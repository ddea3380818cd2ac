package org.careloop.engine.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class BatchWorkYieldsToRepliesTest {

    private static ThreadPoolTaskExecutor jobExecutorThreads(RepliesFirst repliesFirst, String beanName) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("repliesFirst", repliesFirst);
        ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();
        BatchWorkYieldsToReplies.jobExecutorThreadsYieldToReplies(beans.getBeanProvider(RepliesFirst.class))
                .postProcessBeforeInitialization(threads, beanName);
        threads.initialize();
        return threads;
    }

    /** Replies first with a bound no test reaches: a wait that ends, ends because the reply did. */
    private static RepliesFirst waitingAnHourAtMost() {
        OutboxProperties settings = new OutboxProperties();
        settings.setRepliesFirst(Duration.ofHours(1));
        return new RepliesFirst(settings);
    }

    @Test
    void aJobTheEngineAcquiredWaitsWhileTheNodeWorksOnAReply() throws Exception {
        RepliesFirst repliesFirst = waitingAnHourAtMost();
        ThreadPoolTaskExecutor threads =
                jobExecutorThreads(repliesFirst, BatchWorkYieldsToReplies.JOB_EXECUTOR_THREADS);
        CountDownLatch ran = new CountDownLatch(1);
        try {
            repliesFirst.begin();
            threads.execute(ran::countDown);

            assertThat(ran.await(200, TimeUnit.MILLISECONDS))
                    .as("the job waits for the reply")
                    .isFalse();
            repliesFirst.end();
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void otherExecutorsAreLeftAlone() throws Exception {
        RepliesFirst repliesFirst = waitingAnHourAtMost();
        ThreadPoolTaskExecutor threads = jobExecutorThreads(repliesFirst, "someOtherExecutor");
        CountDownLatch ran = new CountDownLatch(1);
        try {
            repliesFirst.begin();
            threads.execute(ran::countDown);

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            repliesFirst.end();
            threads.shutdown();
        }
    }
}
