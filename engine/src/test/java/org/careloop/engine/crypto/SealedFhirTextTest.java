package org.careloop.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The free text of CareLoop's FHIR records, sealed as HAPI stores it and opened as it is shown. */
class SealedFhirTextTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private SealedFhirText sealing;

    @BeforeEach
    void cipher() {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:sealed-fhir-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        PhiCipher cipher = new PhiCipher(
                new JdbcTemplate(db),
                new DataSourceTransactionManager(db),
                Clock.systemUTC(),
                new CryptoProperties(null, null));
        sealing = new SealedFhirText(cipher, new ca.uhn.fhir.interceptor.executor.InterceptorService());
    }

    private static Communication reply(String words) {
        Communication communication = new Communication();
        communication.setId("msg-in-1");
        communication.addPayload().setContent(new StringType(words));
        return communication;
    }

    @Test
    void aCommunicationsWordsAndATasksReasonAndNotesAreStoredSealedAndShownAsWritten() {
        Communication communication = reply("My leg is swollen");
        Task task = new Task();
        task.setDescription("Swelling reported");
        task.addNote(new Annotation().setText("Called back; advised the clinic"));

        sealing.beforeCreate(communication);
        sealing.beforeCreate(task);
        String stored = FHIR.newJsonParser().encodeResourceToString(communication)
                + FHIR.newJsonParser().encodeResourceToString(task);

        assertThat(stored)
                .doesNotContain("swollen")
                .doesNotContain("Swelling")
                .doesNotContain("advised")
                .contains(SealedFhirText.EXTENSION)
                .contains(PhiCipher.PREFIX);
        Communication read =
                FHIR.newJsonParser().parseResource(Communication.class, stored.substring(0, stored.indexOf("}{") + 1));
        sealing.open(read);
        assertThat(read.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo("My leg is swollen");
        assertThat(read.getPayloadFirstRep().getContentStringType().getExtension())
                .isEmpty();
        sealing.afterCreate(task);
        assertThat(task.getDescription()).isEqualTo("Swelling reported");
        assertThat(task.getNoteFirstRep().getText()).isEqualTo("Called back; advised the clinic");
    }

    @Test
    void anUpdateThatLeavesTheWordsAsTheyWereStoresTheSameValueAndAChangeIsSealedAfresh() {
        Communication stored = reply("My leg is swollen");
        sealing.beforeCreate(stored);
        String sealedBefore = stored.getPayloadFirstRep()
                .getContentStringType()
                .getExtensionByUrl(SealedFhirText.EXTENSION)
                .getValue()
                .primitiveValue();

        Communication same = reply("My leg is swollen");
        sealing.beforeUpdate(stored, same);
        Communication changed = reply("My leg is swollen and hot");
        sealing.beforeUpdate(stored, changed);

        assertThat(FHIR.newJsonParser().encodeResourceToString(same))
                .as("unchanged: HAPI sees the same text and writes no new version")
                .isEqualTo(FHIR.newJsonParser().encodeResourceToString(stored));
        String sealedAfter = changed.getPayloadFirstRep()
                .getContentStringType()
                .getExtensionByUrl(SealedFhirText.EXTENSION)
                .getValue()
                .primitiveValue();
        assertThat(sealedAfter).isNotEqualTo(sealedBefore).startsWith(PhiCipher.PREFIX);
        sealing.open(changed);
        assertThat(changed.getPayloadFirstRep().getContentStringType().getValue())
                .isEqualTo("My leg is swollen and hot");
    }
}
