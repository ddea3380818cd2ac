package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.hl7.fhir.r4.model.ContactPoint;
import org.junit.jupiter.api.Test;

/**
 * The "Send message" step's choices in an analyst's model (element template "CareLoop: Send message"): the channel
 * it names is tried first, before the patient's own preference; the purpose it names is the consent the message needs,
 * so a marketing message to a patient who granted none is not sent.
 */
class SendStepChoicesH2IT extends H2StackTest {

    private void deploy(String key, String channel, String purpose) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(key)
                .name("Analyst's message")
                .camundaHistoryTimeToLive(30)
                .startEvent("start")
                .name("Start")
                .serviceTask("send")
                .name("Send the invitation")
                .camundaDelegateExpression("${sendMessageDelegate}")
                .camundaAsyncBefore()
                .camundaInputParameter("templateId", "care-gap-annual-wellness")
                .camundaInputParameter("channel", channel)
                .camundaInputParameter("purpose", purpose)
                .endEvent("end")
                .name("Sent")
                .done();
        HttpResponse<String> deployed = deployModel("admin", key + ".bpmn", Bpmn.convertToString(model));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    }

    /** A patient who ranks texts first and has an email address too. */
    private String patientWithEmail() {
        String mobile = TestNumbers.unused("+1617557");
        return patient(
                mobile,
                "en",
                p -> p.addTelecom()
                        .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                        .setValue("choices" + ThreadLocalRandom.current().nextInt(100_000) + "@example.org"));
    }

    private Map<String, Object> message(String patientId) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message where patient_id = ? and template_id = ?",
                                Integer.class,
                                patientId,
                                "care-gap-annual-wellness")
                        == 1);
        return engineDb.queryForMap(
                "select channel, status from outbound_message where patient_id = ? and template_id = ?",
                patientId,
                "care-gap-annual-wellness");
    }

    @Test
    void theChannelAStepNamesGoesFirstAndThePurposeItNamesIsTheConsentItNeeds() {
        deploy("analyst-email-first", "email", "program");
        deploy("analyst-marketing", "preferred", "marketing");
        String byEmail = patientWithEmail();
        String unasked = patientWithEmail();

        runtime.startProcessInstanceByKey(
                "analyst-email-first", Variables.createVariables().putValue("patientId", byEmail));
        runtime.startProcessInstanceByKey(
                "analyst-marketing", Variables.createVariables().putValue("patientId", unasked));

        assertThat(message(byEmail).get("channel"))
                .as("the patient ranks texts first; the step names email")
                .isEqualTo("email");
        Map<String, Object> marketing = message(unasked);
        assertThat(marketing.get("status"))
                .as("no grant for marketing: nothing goes out")
                .isNotIn("QUEUED", "SENDING", "SENT", "DELIVERED");
    }
}
