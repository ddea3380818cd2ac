package org.careloop.engine.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.PatientDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model is never called with a reply that could not be redacted against the patient's own record. */
class AiGatewayTest {

    private HttpServer model;
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void stop() {
        if (model != null) {
            model.stop(0);
        }
    }

    @Test
    void aReplyWhosePatientRecordCannotBeReadIsNotSentToTheModel() throws Exception {
        model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        model.start();
        PatientDirectory patients = mock(PatientDirectory.class);
        when(patients.record("p-1")).thenReturn(Optional.empty());
        AiGateway gateway = new AiGateway(
                new AiProperties(
                        true,
                        URI.create("http://127.0.0.1:" + model.getAddress().getPort() + "/v1"),
                        "key",
                        "fake",
                        Duration.ofSeconds(2)),
                patients,
                mock(FhirRecords.class),
                Clock.systemUTC(),
                mock(org.careloop.engine.audit.AuditTrail.class));

        assertThatThrownBy(() ->
                        gateway.suggest("Hi this is Raymon Kris, I have chest pain", "p-1", "t-1", "m-1", "process 1"))
                .isInstanceOf(AiGateway.PatientNotReadable.class);
        assertThat(calls).as("nothing reached the model").hasValue(0);
    }
}
