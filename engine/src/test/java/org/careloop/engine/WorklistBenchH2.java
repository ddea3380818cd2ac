package org.careloop.engine;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** {@link WorklistBench} on the embedded stack: {@code bench/worklist.sh}. */
class WorklistBenchH2 extends H2StackTest {

    @Test
    void aNursesListOf200Rows(@Autowired ApplicationContext context) {
        WorklistBench.run(
                "H2", context, i -> patient("+1617564" + (1000 + i % 8999), "en", p -> {}), this::awaitOutboxDrained);
    }
}
