package org.careloop.fhir.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionEndpointPolicyTest {

    private final SubscriptionEndpointPolicy policy =
            new SubscriptionEndpointPolicy(List.of("https://ehr.example.org/notify/"));

    private static Subscription to(String endpoint) {
        Subscription subscription = new Subscription();
        subscription
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(endpoint);
        return subscription;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://ehr.example.org/notify/careloop",
                "HTTPS://EHR.example.org/notify/x?y=1",
                "https://ehr.example.org/notify/a/../b"
            })
    void endpointsUnderAnAllowedPrefixAreAccepted(String endpoint) {
        assertThatCode(() -> policy.check(to(endpoint))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://collector.invalid/notify/",
                "https://ehr.example.org/other",
                "https://ehr.example.org@collector.invalid/notify/",
                "https://ehr.example.org/notify/../../steal",
                "https://ehr.example.org.collector.invalid/notify/",
                "ftp://ehr.example.org/notify/",
                ""
            })
    void anythingElseIsRefused(String endpoint) {
        assertThatThrownBy(() -> policy.check(to(endpoint))).isInstanceOf(UnprocessableEntityException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://ehr.example.org/notify/x"})
    void anEmptyAllowListRefusesEverySubscription(String endpoint) {
        assertThatThrownBy(() -> new SubscriptionEndpointPolicy(List.of()).check(to(endpoint)))
                .isInstanceOf(UnprocessableEntityException.class);
        assertThatCode(() -> new SubscriptionEndpointPolicy(List.of()).check(new Patient()))
                .doesNotThrowAnyException();
    }
}
