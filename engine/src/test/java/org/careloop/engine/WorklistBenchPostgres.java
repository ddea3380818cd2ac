package org.careloop.engine;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** {@link WorklistBench} on PostgreSQL: {@code bench/worklist.sh --postgres}. */
class WorklistBenchPostgres extends PostgresStackTest {

    @Test
    void aNursesListOf200Rows(@Autowired ApplicationContext context) {
        WorklistBench.run(
                "PostgreSQL",
                context,
                i -> patient("+1617564" + (1000 + i % 8999), "en", p -> {}),
                this::awaitOutboxDrained);
    }
}
