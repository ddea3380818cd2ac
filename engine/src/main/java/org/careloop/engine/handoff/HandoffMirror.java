package org.careloop.engine.handoff;

import org.careloop.engine.crypto.PhiCipher;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.outbox.OutboxHandler;
import org.springframework.stereotype.Component;

/**
 * Writes handoff snapshots from the outbox to FHIR as {@code Task/handoff-<camunda task id>}, with every change people
 * made to it as its notes.
 */
@Component
class HandoffMirror implements OutboxHandler<HandoffChanged> {

    private final FhirRecords fhir;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final PhiCipher cipher;

    HandoffMirror(
            FhirRecords fhir,
            @org.springframework.beans.factory.annotation.Qualifier("engineJdbc")
                    org.springframework.jdbc.core.JdbcTemplate jdbc,
            PhiCipher cipher) {
        this.cipher = cipher;
        this.fhir = fhir;
        this.jdbc = jdbc;
    }

    @Override
    public Class<HandoffChanged> eventType() {
        return HandoffChanged.class;
    }

    @Override
    public void handle(HandoffChanged event) {
        fhir.recordHandoff(
                event.snapshot(),
                jdbc.query(
                        "select action, by_user, to_user, outcome, note, at from handoff_change where task_id = ? "
                                + "order by id",
                        (rs, i) -> new org.careloop.engine.fhir.HandoffNote(
                                rs.getString("by_user"),
                                rs.getTimestamp("at").toInstant(),
                                HandoffChanges.describe(
                                        rs.getString("action"),
                                        rs.getString("to_user"),
                                        rs.getString("outcome"),
                                        cipher.open(rs.getString("note"), PhiCipher.HANDOFF_NOTE))),
                        event.snapshot().taskId()));
    }
}
