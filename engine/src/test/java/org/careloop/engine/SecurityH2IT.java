package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Authentication everywhere but the public pages; each area open only to the groups whose work needs it. */
class SecurityH2IT extends H2StackTest {

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @CsvSource(nullValues = "anonymous", textBlock = """
            /actuator/health,                  anonymous,   200
            /,                                 anonymous,   200
            /login,                            anonymous,   200
            /css/careloop.css,                 anonymous,   200
            /fhir/metadata,                    anonymous,   401
            /fhir/Patient,                     anonymous,   401
            /fhir/Patient,                     ehr,         200
            /fhir/Patient,                     nurse,       403
            /fhir/Patient,                     admin,       403
            /engine-rest/process-definition,   anonymous,   401
            /engine-rest/process-definition,   ehr,         403
            /engine-rest/process-definition,   nurse,       403
            /engine-rest/process-definition,   admin,       200
            /tasks,                            nurse,       200
            /tasks,                            coordinator, 200
            /tasks,                            pharmacist,  200
            /fhir/Patient,                     pharmacist,  403
            /engine-rest/process-definition,   pharmacist,  403
            /tasks,                            ehr,         403
            /tasks,                            analyst,     403
            /simulator,                        nurse,       200
            /camunda/app/cockpit/default/,     nurse,       403
            /camunda/app/cockpit/default/,     admin,       200
            """)
    void answersOnlyWhomItShould(String path, String user, int status) {
        HttpResponse<String> response = get(path, user);

        assertThat(response.statusCode()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/tasks", "/simulator", "/camunda/app/cockpit/default/"})
    void peopleAreSentToTheSignInPage(String path) {
        HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Accept", "text/html")
                .GET()
                .build());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @org.junit.jupiter.api.Test
    void fhirRefusalIsAnOperationOutcome() {
        HttpResponse<String> response = get("/fhir/Patient", null);

        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"");
    }

    @org.junit.jupiter.api.Test
    void wrongPasswordIsRefused() {
        HttpResponse<String> response =
                send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/fhir/Patient")))
                        .header(
                                "Authorization",
                                "Basic " + java.util.Base64.getEncoder().encodeToString("ehr:wrong".getBytes()))
                        .GET()
                        .build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext web;

    @org.junit.jupiter.api.Test
    void aSignedInSessionEndsAfterFifteenIdleMinutes() {
        assertThat(new Browser().signIn("nurse").get("/tasks").statusCode()).isEqualTo(200);

        var tomcat = ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer) web.getWebServer()).getTomcat();
        var context = (org.apache.catalina.Context) tomcat.getHost().findChildren()[0];
        var sessions = context.getManager().findSessions();
        assertThat(sessions).isNotEmpty();
        assertThat(sessions)
                .allSatisfy(s -> assertThat(s.getMaxInactiveInterval()).isEqualTo(15 * 60));
    }
}
