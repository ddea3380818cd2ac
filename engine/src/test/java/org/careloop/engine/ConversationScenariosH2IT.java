package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.careloop.engine.outreach.MessageTemplates;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/**
 * Conversation scenarios written in YAML ({@code src/test/resources/conversations/*.yaml}, see the README there):
 * a patient's replies, sent as signed SMS to the running engine, against a program's check-in conversation; each
 * step expects the messages the patient gets, the human task (team, priority, reason) and the conversation's
 * outcome. Every reply must also be recorded in FHIR. Scenarios are independent (each its own patient and number)
 * and run several at a time, as a busy day would.
 */
class ConversationScenariosH2IT extends H2StackTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(2000);
    /** Generous: a job that lost a race with another transaction is picked up again after its lock (one minute). */
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    MessageTemplates templates;

    record Scenario(String file, String name, String program, String language, List<Map<String, Object>> steps) {
        @Override
        public String toString() {
            return file + ": " + name;
        }
    }

    static Stream<Arguments> scenarios() throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/conversations"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Map<String, Object> doc = new Yaml().load(in);
                    String program = (String) doc.get("program");
                    String language = (String) doc.getOrDefault("language", "en");
                    for (Map<String, Object> scenario :
                            ConversationScenariosH2IT.<Map<String, Object>>list(doc.get("scenarios"))) {
                        List<Map<String, Object>> steps = scenario.containsKey("steps")
                                ? ConversationScenariosH2IT.<Map<String, Object>>list(scenario.get("steps"))
                                : List.of(scenario); // a one-step scenario may say and expect at its own level
                        all.add(Arguments.of(new Scenario(
                                file.getFileName().toString(),
                                (String) scenario.get("name"),
                                program,
                                (String) scenario.getOrDefault("language", language),
                                steps)));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @Execution(ExecutionMode.CONCURRENT) // scenarios run several at a time; the class waits its turn like every other
    void conversation(Scenario scenario) {
        String mobile = "+1508555" + NUMBERS.getAndIncrement();
        String patientId = patient(mobile, scenario.language(), p -> {});
        ProcessInstance conversation = firstCheckIn(enrolByDischarge(patientId, scenario.program()));
        List<String> sent = awaitTemplates(patientId, 1);
        assertThat(sent).containsExactly(scenario.program() + "-checkin-1");
        assertThat(body(patientId, 0))
                .endsWith(templates.render(scenario.program() + "-checkin-1", scenario.language()));

        int stepNumber = 0;
        for (Map<String, Object> step : scenario.steps()) {
            stepNumber++;
            String where = scenario + ", step " + stepNumber;
            Map<String, Object> expect = map(step.get("expect"));
            int before = count(patientId);
            List<String> tasksBefore =
                    openTasks(patientId).stream().map(Task::getId).toList();
            if (step.containsKey("say")) {
                String text = String.valueOf(step.get("say"));
                boolean unknown = "unknown".equals(step.get("from"));
                String from = unknown ? "+1508555" + NUMBERS.getAndIncrement() : mobile;
                HttpResponse<String> response = signedSms(incomingSms(newMessageSid(), from, text));
                assertThat(response.statusCode()).as(where).isEqualTo(200);
                String immediate = (String) expect.get("immediate");
                if (immediate != null) {
                    // the answer is TwiML a provider's XML parser reads: the message's words, accents and all
                    assertThat(twimlMessage(response.body()))
                            .as(where + ": immediate answer")
                            .isEqualTo(templates.render(immediate, unknown ? "en" : scenario.language()));
                } else {
                    assertThat(response.body())
                            .as(where + ": no immediate answer")
                            .doesNotContain("<Message>");
                }
                if (!unknown) {
                    awaitReplyInFhir(from, text, where);
                }
            } else if ("timeout".equals(step.get("wait"))) {
                Job timer =
                        management
                                .createJobQuery()
                                .timers()
                                .processInstanceId(latestConversation(patientId))
                                .list()
                                .stream()
                                .findFirst()
                                .orElse(null);
                assertThat(timer).as(where + ": a timer to pass").isNotNull();
                management.executeJob(timer.getId());
            }
            List<String> messages = list(expect.getOrDefault("messages", List.of()));
            List<String> now = awaitTemplates(patientId, before + messages.size());
            assertThat(now.subList(before, now.size()))
                    .as(where + ": messages")
                    .containsExactlyInAnyOrderElementsOf(messages);
            for (int i = before; i < now.size(); i++) {
                assertThat(body(patientId, i))
                        .as(where + ": in the patient's language")
                        .endsWith(templates.render(now.get(i), scenario.language()));
            }
            checkTask(expect.get("task"), patientId, tasksBefore, where);
            if (expect.containsKey("outcome")) {
                await().atMost(PATIENCE)
                        .until(() -> history.createHistoricProcessInstanceQuery()
                                        .processInstanceId(conversation.getId())
                                        .finished()
                                        .count()
                                == 1);
                assertThat(history.createHistoricVariableInstanceQuery()
                                .processInstanceId(conversation.getId())
                                .variableName("checkInOutcome")
                                .singleResult()
                                .getValue())
                        .as(where + ": outcome")
                        .isEqualTo(expect.get("outcome"));
            }
        }
    }

    private void checkTask(Object expected, String patientId, List<String> before, String where) {
        if (expected == null) {
            return;
        }
        if ("none".equals(expected)) {
            sleep(); // a task would have been created in the same transaction as the acknowledgement job
            assertThat(openTasks(patientId).stream()
                            .map(Task::getId)
                            .filter(id -> !before.contains(id))
                            .toList())
                    .as(where + ": no new task")
                    .isEmpty();
            return;
        }
        Map<String, Object> task = map(expected);
        await().atMost(PATIENCE).until(() -> openTasks(patientId).stream().anyMatch(t -> !before.contains(t.getId())));
        Task created = openTasks(patientId).stream()
                .filter(t -> !before.contains(t.getId()))
                .findFirst()
                .orElseThrow();
        if (task.containsKey("team")) {
            assertThat(tasks.getIdentityLinksForTask(created.getId()).stream().map(IdentityLink::getGroupId))
                    .as(where + ": team")
                    .contains((String) task.get("team"));
        }
        if (task.containsKey("priority")) {
            assertThat(created.getPriority())
                    .as(where + ": priority")
                    .isEqualTo(((Number) task.get("priority")).intValue());
        }
        if (task.containsKey("reason")) {
            assertThat((String) tasks.getVariable(created.getId(), "handoffReason"))
                    .as(where + ": reason")
                    .contains((String) task.get("reason"));
        }
        await().atMost(PATIENCE).until(() -> exists(org.hl7.fhir.r4.model.Task.class, "handoff-" + created.getId()));
    }

    private List<Task> openTasks(String patientId) {
        return tasks.createTaskQuery()
                .processVariableValueEquals("patientId", patientId)
                .active()
                .list();
    }

    private String latestConversation(String patientId) {
        return runtime
                .createProcessInstanceQuery()
                .processDefinitionKey("careloop-check-in")
                .variableValueEquals("patientId", patientId)
                .active()
                .list()
                .stream()
                .filter(p -> management
                                .createJobQuery()
                                .timers()
                                .processInstanceId(p.getId())
                                .count()
                        > 0)
                .map(ProcessInstance::getId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no conversation is waiting"));
    }

    private int count(String patientId) {
        return engineDb.queryForObject(
                "select count(*) from outbound_message where patient_id = ?", Integer.class, patientId);
    }

    /** The templates of the patient's messages, oldest first, once at least {@code n} have been handed to the provider. */
    private List<String> awaitTemplates(String patientId, int n) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message where patient_id = ? and status not in ('QUEUED', 'SENDING')",
                                Integer.class,
                                patientId)
                        >= n);
        sleep();
        return rows(patientId).stream().map(r -> (String) r.get("template_id")).toList();
    }

    private String body(String patientId, int index) {
        return cipher.open(
                (String) rows(patientId).get(index).get("body"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY);
    }

    private List<Map<String, Object>> rows(String patientId) {
        List<Map<String, Object>> rows = new ArrayList<>(engineDb.queryForList(
                "select template_id, body, created_at from outbound_message where patient_id = ?", patientId));
        rows.sort(Comparator.comparing(r -> (java.sql.Timestamp) r.get("created_at")));
        return rows;
    }

    private void awaitReplyInFhir(String from, String text, String where) {
        await().atMost(PATIENCE)
                .until(() ->
                        engineDb
                                .queryForList(
                                        "select id, body from inbound_message where from_index = ?", cipher.index(from))
                                .stream()
                                .filter(row -> text.equals(cipher.open(
                                        (String) row.get("body"), org.careloop.engine.crypto.PhiCipher.INBOUND_BODY)))
                                .anyMatch(row -> exists(Communication.class, "msg-in-" + row.get("id"))));
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> boolean exists(Class<T> type, String id) {
        try {
            daos.getResourceDao(type)
                    .read(new org.hl7.fhir.r4.model.IdType(type.getSimpleName(), id), new SystemRequestDetails());
            return true;
        } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return value == null ? List.of() : (List<T>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** The text of the {@code <Message>} in a TwiML answer, read by an XML parser. */
    private static String twimlMessage(String twiml) {
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var message = factory.newDocumentBuilder()
                    .parse(new org.xml.sax.InputSource(new java.io.StringReader(twiml)))
                    .getElementsByTagName("Message");
            return message.getLength() == 0 ? null : message.item(0).getTextContent();
        } catch (Exception notXml) {
            throw new AssertionError("The answer is not TwiML an XML parser reads: " + twiml, notXml);
        }
    }
}
