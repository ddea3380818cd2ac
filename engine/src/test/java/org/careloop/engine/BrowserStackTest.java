package org.careloop.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared H2 stack seen through Debian's Chromium: one browser per test class. */
abstract class BrowserStackTest extends H2StackTest {

    static Chromium browser;

    @BeforeAll
    static void openBrowser() {
        browser = new Chromium("http://localhost:" + PORT);
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    /** A patient of the default department whose first check-in was answered "I have chest pain": the nurse task. */
    protected String chestPainHandoff() {
        return handoff("Scenario", "I have chest pain");
    }

    /** A patient of that family name whose first check-in was answered with the words: the handoff task. */
    protected String handoff(String family, String reply) {
        return handoff(reply, p -> p.getNameFirstRep().setFamily(family));
    }

    /** A patient made as the customizer says whose first check-in was answered with the words: the handoff task. */
    protected String handoff(String reply, java.util.function.Consumer<org.hl7.fhir.r4.model.Patient> customizer) {
        String mobile = TestNumbers.unused("+1617559");
        String patientId = patient(mobile, "en", customizer);
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        replyFrom(mobile, reply);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processVariableValueEquals("patientId", patientId)
                                .count()
                        == 1);
        return tasks.createTaskQuery()
                .processVariableValueEquals("patientId", patientId)
                .singleResult()
                .getId();
    }
}
