package org.careloop.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureCountsTest {

    private final FailureCounts counts = new FailureCounts("test", 3, Duration.ofMinutes(15), null, false);

    @Test
    void aKeyIsBlockedAtItsLimitAndOnlyThatKey() {
        assertThat(counts.failed("10.0.0.1")).isFalse();
        assertThat(counts.failed("10.0.0.1")).isFalse();
        assertThat(counts.blocked("10.0.0.1")).isFalse();

        assertThat(counts.failed("10.0.0.1")).as("the third of three").isTrue();
        assertThat(counts.blocked("10.0.0.1")).isTrue();
        assertThat(counts.blocked("10.0.0.2")).isFalse();
    }

    @Test
    void aForgottenKeyStartsAfresh() {
        counts.failed("10.0.0.1");
        counts.failed("10.0.0.1");
        counts.failed("10.0.0.1");

        counts.forget("10.0.0.1");

        assertThat(counts.blocked("10.0.0.1")).isFalse();
        assertThat(counts.failed("10.0.0.1")).isFalse();
    }

    @Test
    void aBlockLastsUntilOneFailuresWorthHasRefilled() throws InterruptedException {
        FailureCounts quick = new FailureCounts("test", 2, Duration.ofMillis(400), null, false);
        quick.failed("10.0.0.1");
        quick.failed("10.0.0.1");
        assertThat(quick.blocked("10.0.0.1")).isTrue();

        Thread.sleep(300);

        assertThat(quick.blocked("10.0.0.1"))
                .as("one of two failures refills in 200 ms")
                .isFalse();
    }
}
