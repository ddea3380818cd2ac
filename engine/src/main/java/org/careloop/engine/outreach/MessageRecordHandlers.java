package org.careloop.engine.outreach;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.careloop.engine.outbox.OutboxEvent;
import org.careloop.engine.outbox.OutboxHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Writes messages' FHIR Communications from the outbox's records lane, a batch per FHIR transaction. */
@Configuration(proxyBeanMethods = false)
class MessageRecordHandlers {

    @Bean
    OutboxHandler<MessageRecords.OutboundChanged> outboundRecordHandler(MessageLedger ledger) {
        return new Batching<>(
                MessageRecords.OutboundChanged.class,
                MessageRecords.OutboundChanged::messageId,
                ledger::recordOutbound,
                // a message sent and delivered before its turn is written once, as delivered
                true);
    }

    @Bean
    OutboxHandler<MessageRecords.InboundReceived> inboundRecordHandler(MessageLedger ledger) {
        return new Batching<>(
                MessageRecords.InboundReceived.class,
                MessageRecords.InboundReceived::inboundId,
                ledger::recordInbound,
                false);
    }

    /**
     * Writes the messages that a batch of events names, each message once, as they are when written; where it
     * coalesces, an event also stands for the same message's later events waiting when it is claimed.
     */
    private record Batching<E extends OutboxEvent>(
            Class<E> eventType, Function<E, String> messageId, Consumer<Collection<String>> write, boolean coalesces)
            implements OutboxHandler<E> {
        @Override
        public void handle(E event) {
            write.accept(List.of(messageId.apply(event)));
        }

        @Override
        public void handleAll(List<E> events) {
            write.accept(events.stream().map(messageId).distinct().toList());
        }

        @Override
        public boolean batches() {
            return true;
        }
    }
}
