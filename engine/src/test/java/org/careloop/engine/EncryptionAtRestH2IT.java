package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.careloop.engine.crypto.PhiCipher;
import org.careloop.processes.ProcessVariables;
import org.junit.jupiter.api.Test;

/**
 * What a patient wrote, and their number, are encrypted at rest: a dump of the engine's database (CareLoop's tables
 * and Camunda's runtime and history) holds no trace of a sentinel reply or of the patient's mobile, while the nurse
 * reads the reply and her completion note, the rules acted on it, and the reply was matched to the patient by the number's blind index. An
 * administrator rotates the data keys while the system runs, and every sealed value moves to the new key.
 */
class EncryptionAtRestH2IT extends H2StackTest {

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource fhirDataSource;

    private String dump() throws Exception {
        return dump(engineDb);
    }

    /** The FHIR server's database (HAPI's tables), as a backup would hold it. */
    private String fhirDump() throws Exception {
        return dump(new org.springframework.jdbc.core.JdbcTemplate(fhirDataSource));
    }

    private static String dump(org.springframework.jdbc.core.JdbcTemplate db) throws Exception {
        Path file = Files.createTempFile("careloop-dump", ".sql");
        try {
            db.execute("SCRIPT TO '" + file.toAbsolutePath() + "'");
            return Files.readString(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private HttpResponse<String> asAdmin(String method, String path, String user) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basic(user))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    @Test
    void aDumpOfTheEngineDatabaseHoldsNoTraceOfWhatAPatientWroteAndRotationMovesEveryValueToTheNewKey()
            throws Exception {
        String sentinel = "Zebrafinch" + UUID.randomUUID().toString().substring(0, 8);
        String mobile = TestNumbers.unused("+1617558");
        String patientId = patient(mobile, "en", p -> {});
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        replyFrom(mobile, "I have chest pain since the " + sentinel + " walk");
        var task = awaitTask(patientId, "nurse");

        // the care team and the rules read it
        assertThat((String) tasks.getVariable(task.getId(), ProcessVariables.REPLY_BODY))
                .contains(sentinel);
        Browser nurse = new Browser().signIn("nurse");
        assertThat(nurse.get("/tasks/" + task.getId()).body()).contains(sentinel);
        // the database does not
        String dump = dump();
        assertThat(dump).contains("INSERT INTO \"PUBLIC\".\"INBOUND_MESSAGE\"").contains(PhiCipher.PREFIX);
        assertThat(dump).doesNotContain(sentinel);
        awaitOutboxDrained();
        assertThat(fhirDump())
                .as("the reply's Communication and the handoff's Task, sealed in HAPI's tables")
                .contains("INSERT INTO \"PUBLIC\".\"HFJ_RES_VER\"")
                .contains(org.careloop.engine.crypto.SealedFhirText.EXTENSION)
                .doesNotContain(sentinel)
                .as("the patient's number, sealed in the Patient's versions and in no search index")
                .doesNotContain(mobile.substring(2));
        org.hl7.fhir.r4.model.Patient read = fhirAs("ehr")
                .read()
                .resource(org.hl7.fhir.r4.model.Patient.class)
                .withId(patientId)
                .execute();
        assertThat(read.getTelecom())
                .as("the EHR reads the number, with no trace of the seal")
                .anySatisfy(t -> assertThat(t.getValue()).isEqualTo(mobile))
                .allSatisfy(t -> assertThat(t.getValueElement().getExtension()).isEmpty());
        assertThatThrownBy(() -> fhirAs("ehr")
                        .search()
                        .byUrl("Patient?phone="
                                + java.net.URLEncoder.encode(mobile, java.nio.charset.StandardCharsets.UTF_8))
                        .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                        .execute())
                .as("a search by the sealed number is refused, not answered with nothing")
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class)
                .hasMessageContaining("not searchable");
        var replyRecord = fhirAs("nurse")
                .search()
                .forResource(org.hl7.fhir.r4.model.Communication.class)
                .where(org.hl7.fhir.r4.model.Communication.SUBJECT.hasId("Patient/" + patientId))
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (org.hl7.fhir.r4.model.Communication) e.getResource())
                .filter(c -> c.getPayloadFirstRep().getContentStringType().getValueAsString() != null
                        && c.getPayloadFirstRep()
                                .getContentStringType()
                                .getValueAsString()
                                .contains(sentinel))
                .toList();
        assertThat(replyRecord)
                .as("a nurse reads the reply's text over FHIR, with no trace of the seal")
                .singleElement()
                .satisfies(c -> assertThat(
                                c.getPayloadFirstRep().getContentStringType().getExtension())
                        .isEmpty());
        var communications = daos.getResourceDao(org.hl7.fhir.r4.model.Communication.class);
        var system = new ca.uhn.fhir.rest.api.server.SystemRequestDetails();
        var current = communications.read(replyRecord.get(0).getIdElement().toUnqualifiedVersionless(), system);
        assertThat(communications.update(current, system).getId().getVersionIdPart())
                .as("written again unchanged, the sealed record is still unchanged: no new version")
                .isEqualTo(replyRecord.get(0).getIdElement().getVersionIdPart());
        org.hl7.fhir.r4.model.Parameters none = new org.hl7.fhir.r4.model.Parameters();
        assertThat(FHIR.newJsonParser()
                        .encodeResourceToString(fhirAs("ehr")
                                .operation()
                                .onInstance("Patient/" + patientId)
                                .named("$everything")
                                .withParameters(none)
                                .useHttpGet()
                                .returnResourceType(org.hl7.fhir.r4.model.Bundle.class)
                                .execute()))
                .as("the EHR's $everything holds the words, not their seal")
                .contains(sentinel)
                .doesNotContain(org.careloop.engine.crypto.SealedFhirText.EXTENSION);
        assertThat(dump)
                .as("the patient's number, sealed where it is kept and looked up by its blind index")
                .doesNotContain(mobile.substring(2));
        assertThat(engineDb.queryForObject(
                        "select count(*) from inbound_message where from_index = ?",
                        Integer.class,
                        cipher.index(mobile)))
                .isOne();
        assertThat(engineDb.queryForObject(
                        "select count(*) from ACT_HI_VARINST where NAME_ = ? and TEXT_ like ?",
                        Integer.class,
                        ProcessVariables.REPLY_BODY,
                        PhiCipher.PREFIX + "%"))
                .isPositive();

        // a note kept before notes were sealed: the rotation's pass seals it too
        String legacy = "Heron" + UUID.randomUUID().toString().substring(0, 8);
        String legacyTask = "legacy-" + UUID.randomUUID();
        engineDb.update(
                "insert into handoff_change (task_id, action, by_user, note, at) values (?, 'completed', 'nurse', ?, ?)",
                legacyTask,
                "Called back; " + legacy,
                java.sql.Timestamp.from(java.time.Instant.now()));

        // rotation: a new primary key; the pass moves every sealed value to it, and all still read the same
        assertThat(asAdmin("POST", "/api/admin/encryption/rotate", "nurse").statusCode())
                .isEqualTo(403);
        String before = engineDb.queryForObject(
                "select body from inbound_message where patient_id = ?", String.class, patientId);
        HttpResponse<String> rotated = asAdmin("POST", "/api/admin/encryption/rotate", "admin");
        assertThat(rotated.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        asAdmin("GET", "/api/admin/encryption", "admin").body().contains("\"reencrypting\":false"));
        String after = engineDb.queryForObject(
                "select body from inbound_message where patient_id = ?", String.class, patientId);
        assertThat(after).isNotEqualTo(before);
        assertThat(cipher.sealedWithPrimary(after)).isTrue();
        assertThat(cipher.open(after, PhiCipher.INBOUND_BODY)).contains(sentinel);
        assertThat(engineDb.queryForList(
                        "select TEXT_ from ACT_RU_VARIABLE where NAME_ = ?", String.class, ProcessVariables.REPLY_BODY))
                .allSatisfy(value -> assertThat(cipher.sealedWithPrimary(value)).isTrue());
        assertThat((String) tasks.getVariable(task.getId(), ProcessVariables.REPLY_BODY))
                .contains(sentinel);
        assertThat(cipher.open(
                        engineDb.queryForObject(
                                "select note from handoff_change where task_id = ?", String.class, legacyTask),
                        PhiCipher.HANDOFF_NOTE))
                .isEqualTo("Called back; " + legacy);
        assertThat(dump()).doesNotContain(sentinel).doesNotContain(legacy);

        // the nurse completes it with a note, which the done view shows
        String noteSentinel = "Kingfisher" + UUID.randomUUID().toString().substring(0, 8);
        nurse.submit("/tasks/" + task.getId() + "/claim", java.util.Map.of());
        nurse.get("/tasks/" + task.getId());
        nurse.submit(
                "/tasks/" + task.getId() + "/complete",
                java.util.Map.of("outcome", "reached-patient", "note", "Called back; " + noteSentinel + " resolved"));
        assertThat(nurse.get("/tasks/" + task.getId()).body()).contains(noteSentinel);
        assertThat(dump())
                .as("the completion note, sealed where CareLoop keeps it")
                .doesNotContain(noteSentinel);
        awaitOutboxDrained();
        assertThat(fhirAs("ehr")
                        .read()
                        .resource(org.hl7.fhir.r4.model.Task.class)
                        .withId("handoff-" + task.getId())
                        .execute()
                        .getNote())
                .as("the note on the FHIR Task, opened for the EHR")
                .anySatisfy(note -> assertThat(note.getText()).contains(noteSentinel));
        assertThat(fhirDump()).as("and sealed in HAPI's tables").doesNotContain(noteSentinel);
        assertThat(asAdmin("POST", "/api/admin/encryption/rewrap", "admin").statusCode())
                .as("no key-encryption key file in this stack to re-wrap with")
                .isEqualTo(409);
    }
}
