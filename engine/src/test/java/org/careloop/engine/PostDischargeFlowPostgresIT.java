package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The post-discharge flow on PostgreSQL, with HTTP Basic off as outside the demo: the EHR uses bearer tokens. */
class PostDischargeFlowPostgresIT extends PostgresStackTest implements PostDischargeFlowContract {

    @Override
    public IntegrationSupport stack() {
        return this;
    }

    @Test
    void withoutTheDemosHttpBasicApisTakeBearerTokensOnly() {
        HttpResponse<String> basic = get("/fhir/Patient", "ehr");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(basic.body()).contains("bearer token").doesNotContain("HTTP Basic");
        assertThat(get("/tasks", "nurse").statusCode())
                .as("people sign in with the form")
                .isNotEqualTo(200);
        assertThat(get("/engine-rest/process-definition", "admin").statusCode()).isEqualTo(401);

        String token = bearerToken("ehr", "demo", "system/*.read");
        assertThat(getWithToken("/fhir/Patient", token).statusCode()).isEqualTo(200);
    }
}
