package org.careloop.engine.conversation;

import org.careloop.engine.outbox.OutboxHandler;
import org.springframework.stereotype.Component;

/** Records a reply that needs no triage (START) as a FHIR Communication. */
@Component
class InboundRecordHandler implements OutboxHandler {

    private final MessageLedger ledger;

    InboundRecordHandler(MessageLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String kind() {
        return ReplyService.REPLY_RECORD_ONLY;
    }

    @Override
    public void handle(String inboundId) {
        ledger.recordInbound(inboundId);
    }
}
