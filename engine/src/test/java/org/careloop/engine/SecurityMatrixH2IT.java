package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Role × endpoint: engine REST deployment, identity and history; FHIR writes, deletes, Subscriptions and system
 * operations; the simulator, the consent desk, emergency access and Camunda's applications. Each row is one request and the status it must get.
 */
class SecurityMatrixH2IT extends H2StackTest {

    private static final String PATIENT = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Matrix\"}]}";
    private static final String SUBSCRIPTION =
            "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"r\","
                    + "\"criteria\":\"Communication?\",\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"http://127.0.0.1:9/x\"}}";
    private static final String COMMUNICATION =
            "{\"resourceType\":\"Communication\",\"id\":\"matrix\",\"status\":\"completed\"}";

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource(textBlock = """
            POST,   /engine-rest/deployment/create,                              admin,       403
            POST,   /engine-rest/deployment/create,                              analyst,     403
            POST,   /engine-rest/engine/default/deployment/create,               admin,       403
            POST,   /camunda/api/engine/engine/default/deployment/create,        admin,       403
            POST,   /api/engine/deployment/create,                               analyst,     403
            POST,   /api/engine/deployment/create,                               nurse,       403
            POST,   /api/engine/deployment/create,                               ehr,         403
            GET,    /engine-rest/deployment,                                     analyst,     200
            GET,    /engine-rest/process-definition,                             analyst,     200
            GET,    /engine-rest/history/process-instance,                       analyst,     200
            POST,   /engine-rest/process-definition/key/program-post-discharge/start, analyst, 403
            POST,   /engine-rest/user/create,                                    analyst,     403
            GET,    /engine-rest/user,                                           analyst,     403
            GET,    /engine-rest/user,                                           admin,       200
            PUT,    /engine-rest/group/admin/members/analyst,                    analyst,     403
            PUT,    /engine-rest/user/nurse/credentials,                         analyst,     403
            POST,   /engine-rest/authorization/create,                           analyst,     403
            POST,   /engine-rest/identity/verify,                                admin,       403
            POST,   /engine-rest/identity/verify,                                analyst,     403
            DELETE, /engine-rest/history/process-instance/unknown,               analyst,     403
            POST,   /engine-rest/history/process-instance/delete,                analyst,     403
            DELETE, /camunda/api/engine/engine/default/history/process-instance/unknown, analyst, 403
            GET,    /fhir/metadata,                                              analyst,     200
            GET,    /fhir/Patient,                                               analyst,     403
            GET,    /fhir/Communication,                                         analyst,     403
            GET,    /fhir/Patient,                                               ehr,         200
            POST,   /fhir/Patient,                                               ehr,         201
            POST,   /fhir/Patient,                                               admin,       403
            POST,   /fhir/Patient,                                               analyst,     403
            PUT,    /fhir/Communication/matrix,                                  ehr,         403
            PUT,    /fhir/Communication/matrix,                                  admin,       403
            DELETE, /fhir/Communication/matrix,                                  ehr,         403
            DELETE, /fhir/Communication/matrix,                                  admin,       403
            POST,   /fhir/Subscription,                                          analyst,     403
            POST,   /fhir/Subscription,                                          nurse,       403
            POST,   /fhir/$mark-all-resources-for-reindexing,                    ehr,         403
            GET,    /fhir/Patient/$everything,                                   ehr,         403
            GET,    /fhir/Patient/$everything,                                   admin,       403
            GET,    /fhir/Patient,                                               admin,       403
            GET,    /fhir/Communication,                                         admin,       403
            GET,    /fhir/AuditEvent,                                            admin,       403
            GET,    /fhir/Subscription,                                          admin,       200
            GET,    /fhir/AuditEvent,                                            auditor,     200
            GET,    /fhir/Patient,                                               auditor,     403
            GET,    /fhir/Communication,                                         auditor,     403
            POST,   /fhir/Patient,                                               auditor,     403
            GET,    /engine-rest/process-instance,                               auditor,     403
            GET,    /simulator,                                                  ehr,         403
            GET,    /simulator,                                                  analyst,     403
            GET,    /simulator,                                                  nurse,       200
            GET,    /simulator,                                                  admin,       200
            GET,    /camunda/app/admin/default/,                                 analyst,     403
            GET,    /camunda/app/admin/default/,                                 admin,       200
            GET,    /camunda/app/cockpit/default/,                               analyst,     200
            GET,    /consents,                                                   frontdesk,   200
            GET,    /consents,                                                   nurse,       200
            GET,    /consents,                                                   scheduler,   200
            GET,    /consents,                                                   admin,       403
            GET,    /consents,                                                   analyst,     403
            GET,    /consents,                                                   auditor,     403
            GET,    /emergency-access,                                           nurse,       200
            GET,    /emergency-access,                                           coordinator, 200
            GET,    /emergency-access,                                           pharmacist,  200
            GET,    /emergency-access,                                           scheduler,   403
            GET,    /emergency-access,                                           frontdesk,   403
            GET,    /emergency-access,                                           admin,       403
            GET,    /emergency-access,                                           analyst,     403
            GET,    /patients/unknown,                                           nurse,       403
            GET,    /patients/unknown,                                           admin,       403
            GET,    /audit/emergency,                                            auditor,     200
            GET,    /audit/emergency,                                            admin,       403
            GET,    /audit/emergency,                                            nurse,       403
            GET,    /tasks,                                                      frontdesk,   403
            GET,    /simulator,                                                  frontdesk,   403
            GET,    /audit,                                                      frontdesk,   403
            GET,    /templates,                                                  frontdesk,   403
            GET,    /fhir/Patient,                                               frontdesk,   403
            GET,    /api/patients/unknown/consents,                              frontdesk,   403
            GET,    /engine-rest/process-instance,                               frontdesk,   403
            GET,    /camunda/app/cockpit/default/,                               frontdesk,   403
            """)
    void eachRoleGetsOnlyWhatItsWorkNeeds(String method, String path, String user, int status) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basic(user))
                .header("Content-Type", path.startsWith("/fhir") ? "application/fhir+json" : "application/json")
                .method(method, body(method, path))
                .build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private static HttpRequest.BodyPublisher body(String method, String path) {
        if (method.equals("GET") || method.equals("DELETE")) {
            return HttpRequest.BodyPublishers.noBody();
        }
        String json = path.equals("/fhir/Patient")
                ? PATIENT
                : path.equals("/fhir/Subscription")
                        ? SUBSCRIPTION
                        : path.startsWith("/fhir/Communication")
                                ? COMMUNICATION
                                : path.startsWith("/fhir/")
                                        ? "{\"resourceType\":\"Parameters\"}"
                                        : path.endsWith("/credentials")
                                                ? "{\"password\":\"Changed-1234\",\"authenticatedUserPassword\":\"demo\"}"
                                                : path.endsWith("/user/create")
                                                        ? "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"x-Y-z-1234\"}}"
                                                        : path.endsWith("/identity/verify")
                                                                ? "{\"username\":\"nurse\",\"password\":\"guess\"}"
                                                                : "{}";
        return HttpRequest.BodyPublishers.ofString(json);
    }

    @org.junit.jupiter.api.Test
    void anAnalystSeesInstancesInCockpitButNotWhatPatientsWrote() {
        String instance = runtime.startProcessInstanceByKey(
                        "careloop-handoff",
                        org.camunda.bpm.engine.variable.Variables.createVariables()
                                .putValue(org.careloop.processes.ProcessVariables.HANDOFF_TEAM, "nurse")
                                .putValue(org.careloop.processes.ProcessVariables.HANDOFF_PRIORITY, 50)
                                .putValue(org.careloop.processes.ProcessVariables.HANDOFF_REASON, "Matrix reason")
                                .putValue(org.careloop.processes.ProcessVariables.REPLY_BODY, "matrix reply words"))
                .getId();

        assertThat(get("/engine-rest/process-instance/" + instance, "analyst").statusCode())
                .isEqualTo(200);
        assertThat(get("/engine-rest/process-instance/" + instance + "/variables", "analyst")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/engine-rest/variable-instance?processInstanceIdIn=" + instance, "analyst")
                        .body())
                .doesNotContain("matrix reply words")
                .isEqualTo("[]");
        assertThat(get("/engine-rest/history/variable-instance?processInstanceId=" + instance, "analyst")
                        .body())
                .doesNotContain("matrix reply words")
                .isEqualTo("[]");
        assertThat(get("/engine-rest/process-instance/" + instance + "/variables", "admin")
                        .body())
                .contains("matrix reply words");
        runtime.deleteProcessInstance(instance, "test done");
    }
}
