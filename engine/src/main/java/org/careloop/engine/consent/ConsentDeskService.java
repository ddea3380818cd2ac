package org.careloop.engine.consent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.careloop.engine.audit.AuditTrail;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.forms.consents.ConsentDesk;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The consent desk's view of the consent vault: patients found by medical record number, every look-up audited. */
@Service
class ConsentDeskService implements ConsentDesk {

    /** How a decision recorded at the desk came: the patient said it in person. */
    static final String IN_PERSON = "in person";

    private final ConsentVault vault;
    private final PatientDirectory patients;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    ConsentDeskService(
            ConsentVault vault,
            PatientDirectory patients,
            AuditTrail audit,
            @Qualifier("engineTransactions") TransactionTemplate transactions) {
        this.vault = vault;
        this.patients = patients;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public Optional<ConsentDesk.Patient> findByMrn(String mrn, String user, String address) {
        Optional<PatientSummary> found = patients.findByMrn(mrn);
        if (found.isEmpty()) {
            return Optional.empty(); // none, or two records with one number: the desk asks the EHR team
        }
        audit.viewed(user, address, found.get().id(), null, "consent desk (found by MRN)");
        return found.map(ConsentDeskService::desk);
    }

    @Override
    public Optional<ConsentDesk.Patient> find(String patientId, String user, String address) {
        Optional<PatientSummary> found = patients.find(patientId);
        found.ifPresent(p -> audit.viewed(user, address, p.id(), null, "consent desk"));
        return found.map(ConsentDeskService::desk);
    }

    private static ConsentDesk.Patient desk(PatientSummary patient) {
        return new ConsentDesk.Patient(patient.id(), patient.displayName(), patient.birthDate(), patient.mrn());
    }

    @Override
    public List<Decision> state(String patientId) {
        return vault.state(patientId).stream()
                .map(d -> new Decision(d.channel().code(), d.purpose().code(), d.permit(), d.decidedBy() == null))
                .toList();
    }

    @Override
    public List<Recorded> history(String patientId) {
        List<Recorded> history = new ArrayList<>(vault.history(patientId).stream()
                .map(r -> new Recorded(
                        r.recordedAt(),
                        r.channel().code(),
                        r.purpose().code(),
                        r.permit(),
                        r.source(),
                        r.words(),
                        r.recordedBy()))
                .toList());
        history.sort(Comparator.comparing(Recorded::at).reversed());
        return history;
    }

    @Override
    public List<String> channels() {
        return Stream.concat(ContactChannel.real().stream(), Stream.of(ContactChannel.ALL))
                .map(ContactChannel::code)
                .toList();
    }

    @Override
    public List<String> purposes() {
        return Stream.concat(ContactPurpose.real().stream(), Stream.of(ContactPurpose.ALL))
                .map(ContactPurpose::code)
                .toList();
    }

    @Override
    public void record(
            String patientId,
            String channel,
            String purpose,
            boolean permit,
            String words,
            String user,
            String address) {
        ContactChannel how =
                ContactChannel.ofCode(channel).orElseThrow(() -> new IllegalArgumentException("No channel " + channel));
        ContactPurpose why =
                ContactPurpose.ofCode(purpose).orElseThrow(() -> new IllegalArgumentException("No purpose " + purpose));
        transactions.executeWithoutResult(tx -> vault.record(
                new ConsentRecord.Change(patientId, how, why, permit, IN_PERSON, address, words, null, user)));
    }
}
