package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.careloop.fhir.SubscriptionMatchingScope;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Writes reach HAPI's subscription matching only when a subscription follows their type; those are delivered. */
class SubscriptionMatchingH2IT extends H2StackTest {

    @Autowired
    IInterceptorService interceptors;

    @Autowired
    SubscriptionMatchingScope scope;

    @Autowired
    FhirContext fhirContext;

    /** Notes every resource HAPI's matcher takes up, whether or not a subscription matches it. */
    @Interceptor
    public class MatcherProbe {
        final Set<String> checked = ConcurrentHashMap.newKeySet();

        @Hook(Pointcut.SUBSCRIPTION_BEFORE_PERSISTED_RESOURCE_CHECKED)
        public void checked(ResourceModifiedMessage message) {
            checked.add(
                    message.getPayloadId(fhirContext).toUnqualifiedVersionless().getValue());
        }
    }

    @Test
    void aWriteOfATypeNoSubscriptionFollowsNeverReachesTheMatcherWhileAFollowedTypeIsDelivered() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer ehr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ehr.createContext("/ehr", exchange -> {
            delivered.add(exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ehr.start();
        MatcherProbe probe = new MatcherProbe();
        interceptors.registerInterceptor(probe);
        String subscriptionId = null;
        try {
            assertThat(scope.followed("Observation"))
                    .as("no subscription follows Observations before this test")
                    .isFalse();
            Subscription subscription = restHookSubscription(
                    "Observation?",
                    "http://127.0.0.1:" + ehr.getAddress().getPort() + "/ehr",
                    "EHR follows vital signs");
            subscriptionId = daos.getResourceDao(Subscription.class)
                    .create(subscription, new SystemRequestDetails())
                    .getId()
                    .getIdPart();
            await().atMost(Duration.ofSeconds(60)).until(() -> scope.followed("Observation"));
            assertThat(scope.followed("AllergyIntolerance")).isFalse();

            String patientId = patient("+16175550177", "en", p -> {});
            AllergyIntolerance allergy = new AllergyIntolerance();
            allergy.setPatient(new Reference("Patient/" + patientId));
            allergy.setCode(new CodeableConcept().setText("peanuts"));
            String allergyId = daos.getResourceDao(AllergyIntolerance.class)
                    .create(allergy, new SystemRequestDetails())
                    .getId()
                    .toUnqualifiedVersionless()
                    .getValue();
            Observation weight = new Observation();
            weight.setStatus(Observation.ObservationStatus.FINAL);
            weight.setCode(new CodeableConcept(new Coding("http://loinc.org", "29463-7", "Body weight")));
            weight.setSubject(new Reference("Patient/" + patientId));
            String weightId = daos.getResourceDao(Observation.class)
                    .create(weight, new SystemRequestDetails())
                    .getId()
                    .toUnqualifiedVersionless()
                    .getValue();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> delivered.stream().anyMatch(d -> d.contains(weightId.replace("Observation/", ""))));
            assertThat(probe.checked)
                    .as("the followed write was matched")
                    .contains(weightId)
                    .as("the write no subscription follows, made before it, never reached the matcher")
                    .doesNotContain(allergyId);
        } finally {
            interceptors.unregisterInterceptor(probe);
            if (subscriptionId != null) {
                daos.getResourceDao(Subscription.class)
                        .delete(
                                new org.hl7.fhir.r4.model.IdType("Subscription", subscriptionId),
                                new SystemRequestDetails());
            }
            ehr.stop(0);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !scope.followed("Observation"));
    }
}
