package org.careloop.engine.audit;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.careloop.forms.audit.AuditReview;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The auditor's search of the audit trail, by patient, user and time, over indexed columns; newest first. */
@Component
class AuditSearch implements AuditReview {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final JdbcTemplate jdbc;
    private final AuditChain chain;
    private final AuditTrail trail;

    AuditSearch(@Qualifier("engineJdbc") JdbcTemplate jdbc, AuditChain chain, AuditTrail trail) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.trail = trail;
    }

    @Override
    public List<Entry> search(Criteria criteria, int limit, String auditor) {
        StringBuilder sql = new StringBuilder("select id, recorded_at, resource, chain_seq from audit_log where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (criteria.patientId() != null) {
            sql.append(" and id in (select audit_id from audit_patient where patient_id = ?)");
            args.add(criteria.patientId());
        }
        if (criteria.user() != null) {
            sql.append(" and agent = ?");
            args.add(criteria.user());
        }
        if (criteria.from() != null) {
            sql.append(" and recorded_at >= ?");
            args.add(Timestamp.from(criteria.from()));
        }
        if (criteria.to() != null) {
            sql.append(" and recorded_at < ?");
            args.add(Timestamp.from(criteria.to()));
        }
        sql.append(" order by recorded_at desc, id desc fetch first ")
                .append(Math.max(1, Math.min(limit, 1000)))
                .append(" rows only");
        List<Entry> entries = jdbc.query(
                sql.toString(),
                (rs, n) -> entry(rs.getString("id"), rs.getTimestamp("recorded_at"), rs.getString("resource"), (Long)
                        rs.getObject("chain_seq", Long.class)),
                args.toArray());
        // reviewing who accessed a patient is itself an access to that patient's information
        LinkedHashSet<String> shown = new LinkedHashSet<>();
        if (criteria.patientId() != null) {
            shown.add(criteria.patientId());
        }
        entries.forEach(e -> shown.addAll(e.patients()));
        trail.listed(auditor, shown, "audit trail search");
        return entries;
    }

    @Override
    public Check verify() {
        AuditChain.Verification verification = chain.verify();
        return new Check(
                verification.intact(), verification.records(), verification.unsealed(), verification.problems());
    }

    private static Entry entry(String id, Timestamp recorded, String json, Long sequence) {
        AuditEvent event = FHIR.newJsonParser().parseResource(AuditEvent.class, json);
        List<String> patients = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
            var reference = entity.getWhat().getReferenceElement();
            if ("Patient".equals(reference.getResourceType())) {
                // a read of a Patient names it as the resource read and as the patient it is about
                if (!patients.contains(reference.getIdPart())) {
                    patients.add(reference.getIdPart());
                }
            } else if (entity.getWhat().hasReference()
                    && !what.contains(entity.getWhat().getReference())) {
                what.add(entity.getWhat().getReference());
            } else if (entity.hasName()) {
                what.add(entity.getName());
            } else if (entity.hasQuery()) {
                what.add("query");
            }
        }
        String who = null;
        String address = null;
        for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
            if (agent.getRequestor() && who == null) {
                who = agent.getWho().hasIdentifier()
                        ? agent.getWho().getIdentifier().getValue()
                        : agent.getWho().getDisplay();
            }
            if (address == null && agent.hasNetwork() && agent.getNetwork().hasAddress()) {
                address = agent.getNetwork().getAddress();
            }
        }
        String action = event.getSubtype().stream()
                .filter(c -> c.hasCode())
                .map(c -> c.getCode())
                .findFirst()
                .orElse(event.hasAction() ? event.getAction().getDisplay() : null);
        String purpose = event.getSource().hasSite()
                ? event.getSource().getSite()
                : event.getPurposeOfEvent().stream()
                        .map(c -> c.getText())
                        .filter(t -> t != null)
                        .findFirst()
                        .orElse("FHIR API");
        String outcome = !event.hasOutcome() || event.getOutcome() == AuditEvent.AuditEventOutcome._0
                ? "success"
                : event.hasOutcomeDesc()
                        ? event.getOutcomeDesc()
                        : event.getOutcome().getDisplay();
        return new Entry(
                id,
                recorded.toInstant(),
                who,
                List.copyOf(patients),
                action,
                List.copyOf(what),
                purpose,
                address,
                outcome,
                sequence);
    }
}
