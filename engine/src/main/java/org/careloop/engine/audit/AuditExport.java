package org.careloop.engine.audit;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.outbox.OutboxHandler;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Exports audit entries as FHIR AuditEvents, a batch per FHIR transaction. */
@Component
class AuditExport implements OutboxHandler<AuditRecorded> {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final JdbcTemplate jdbc;
    private final FhirRecords fhir;

    AuditExport(@Qualifier("engineJdbc") JdbcTemplate jdbc, FhirRecords fhir) {
        this.jdbc = jdbc;
        this.fhir = fhir;
    }

    @Override
    public Class<AuditRecorded> eventType() {
        return AuditRecorded.class;
    }

    @Override
    public void handle(AuditRecorded event) {
        handleAll(List.of(event));
    }

    @Override
    public void handleAll(List<AuditRecorded> events) {
        List<AuditEvent> audits = new ArrayList<>();
        for (AuditRecorded event : events) {
            jdbc.query(
                    "select resource from audit_log where id = ?",
                    rs -> {
                        audits.add(FHIR.newJsonParser().parseResource(AuditEvent.class, rs.getString(1)));
                    },
                    event.auditId());
        }
        fhir.saveAll(audits);
    }

    @Override
    public boolean batches() {
        return true;
    }
}
