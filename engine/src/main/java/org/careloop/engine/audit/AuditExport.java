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

/**
 * Exports audit entries as FHIR AuditEvents, a batch per FHIR transaction. An entry about a resource deleted since
 * (a Subscription an EHR removed: the entry of that delete names it) would be refused by the FHIR server's
 * referential integrity for ever; such a resource is named by identifier instead ({@link #DELETED_SYSTEM}, its type
 * and id). A resource not written yet (a create still committing) is left as it is, and the export is tried again.
 */
@Component
class AuditExport implements OutboxHandler<AuditRecorded> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditExport.class);

    /** The identifier system that names a deleted resource in an exported AuditEvent: {@code Subscription/123}. */
    static final String DELETED_SYSTEM = "https://careloop.org/fhir/sid/deleted-resource";

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final JdbcTemplate jdbc;
    private final FhirRecords fhir;
    private final ca.uhn.fhir.jpa.api.dao.DaoRegistry daos;

    AuditExport(
            @Qualifier("engineJdbc") JdbcTemplate jdbc, FhirRecords fhir, ca.uhn.fhir.jpa.api.dao.DaoRegistry daos) {
        this.jdbc = jdbc;
        this.fhir = fhir;
        this.daos = daos;
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
        List<AuditEvent> audits = entries(events);
        try {
            // an entry is exported once: its id is new to the FHIR server
            fhir.saveAllNew(audits);
            return;
        } catch (RuntimeException notAsNew) {
            // one of them is there already (the batch exported again after its commit), or names a resource that is
            // gone: write them as updates, which keep what is there
            log.debug(
                    "Audit entries exported as updates: {}", notAsNew.getClass().getSimpleName());
        }
        audits = entries(events);
        try {
            fhir.saveAll(audits);
        } catch (ca.uhn.fhir.rest.server.exceptions.InvalidRequestException refused) {
            if (refused.getMessage() == null || !refused.getMessage().contains("HAPI-1096")) {
                throw refused;
            }
            // an entry names a resource that is gone (or not written yet): name the gone ones by identifier
            audits.forEach(this::nameDeletedByIdentifier);
            fhir.saveAll(audits);
        }
    }

    /** The events' entries, read from the audit trail in one query. */
    private List<AuditEvent> entries(List<AuditRecorded> events) {
        List<AuditEvent> audits = new ArrayList<>();
        String marks = String.join(", ", java.util.Collections.nCopies(events.size(), "?"));
        jdbc.query(
                "select resource from audit_log where id in (" + marks + ")",
                rs -> {
                    audits.add(FHIR.newJsonParser().parseResource(AuditEvent.class, rs.getString(1)));
                },
                events.stream().map(AuditRecorded::auditId).toArray());
        return audits;
    }

    private void nameDeletedByIdentifier(AuditEvent audit) {
        for (AuditEvent.AuditEventEntityComponent entity : audit.getEntity()) {
            org.hl7.fhir.r4.model.IdType target =
                    new org.hl7.fhir.r4.model.IdType(entity.getWhat().getReference());
            if (entity.getWhat().hasReference()
                    && target.hasResourceType()
                    && target.hasIdPart()
                    && !target.isAbsolute()
                    && daos.isResourceTypeSupported(target.getResourceType())
                    && deleted(target)) {
                String named = target.getResourceType() + "/" + target.getIdPart();
                entity.setWhat(new org.hl7.fhir.r4.model.Reference()
                        .setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem(DELETED_SYSTEM)
                                .setValue(named))
                        .setDisplay(named + " (deleted)"));
            }
        }
    }

    private boolean deleted(org.hl7.fhir.r4.model.IdType target) {
        try {
            daos.getResourceDao(target.getResourceType())
                    .read(target.toUnqualifiedVersionless(), new ca.uhn.fhir.rest.api.server.SystemRequestDetails());
            return false;
        } catch (ca.uhn.fhir.rest.server.exceptions.ResourceGoneException gone) {
            return true;
        } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException notYet) {
            return false;
        }
    }

    @Override
    public boolean batches() {
        return true;
    }
}
