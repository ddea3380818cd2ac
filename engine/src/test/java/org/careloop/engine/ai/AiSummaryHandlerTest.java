package org.careloop.engine.ai;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.careloop.engine.MovingHandoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new handoff's summary is asked for as the task is made, which is the moment the acknowledgement beside it ends and
 * the engine moves the task: a read of the task that came back without its reply is tried again by the outbox, not
 * summarised as a task without a reply (which the gateway answers with nothing, and the summary would be lost).
 */
class AiSummaryHandlerTest {

    private final MovingHandoff handoff = new MovingHandoff();

    @AfterEach
    void close() {
        handoff.close();
    }

    @Test
    void aTaskMovedWhileItWasReadIsLeftForTheOutboxToTryAgain() {
        // a model that is configured (never reached here: nothing is sent before the task is read whole)
        AiGateway gateway = new AiGateway(
                new AiProperties(true, URI.create("http://127.0.0.1:9/v1"), null, "model", Duration.ofSeconds(1)),
                null,
                null,
                Clock.systemUTC(),
                null);
        AiSummaryHandler handler = new AiSummaryHandler(gateway, handoff.tasks(), null, Clock.systemUTC(), null);

        assertThatThrownBy(() -> handoff.readWhileTheAcknowledgementEnds(() -> {
                    handler.handle(new SummaryRequested(handoff.task(), "patient-1"));
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be read yet");
    }
}
