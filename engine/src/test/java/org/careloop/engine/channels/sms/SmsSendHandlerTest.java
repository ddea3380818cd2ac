package org.careloop.engine.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.careloop.engine.config.CareLoopProperties;
import org.careloop.engine.outreach.MessageLedger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;

/** At most once: a send whose answer never came is not sent again; a send that never reached the provider is. */
class SmsSendHandlerTest {

    private JdbcTemplate jdbc;
    private org.careloop.engine.crypto.PhiCipher cipher;
    private HttpServer provider;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource db =
                new DriverManagerDataSource("jdbc:h2:mem:sms-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = new JdbcTemplate(db);
        cipher = new org.careloop.engine.crypto.PhiCipher(
                jdbc,
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()),
                Clock.systemUTC(),
                new org.careloop.engine.crypto.CryptoProperties(null, null));
    }

    @AfterEach
    void stopProvider() {
        if (provider != null) {
            provider.stop(0);
        }
    }

    /** A provider in the Twilio dialect that takes each message and answers after the given delay with this status. */
    private int provider(Duration delay, int status) throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/2010-04-01/Accounts/ACtest/Messages.json", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = (status == 201
                            ? "{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "")
                                    + "\",\"status\":\"queued\"}"
                            : status == 400
                                    ? "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\"}"
                                    : "{\"code\":20429,\"message\":\"Too many requests\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException gone) {
                // the client stopped waiting
            }
            exchange.close();
        });
        provider.start();
        return provider.getAddress().getPort();
    }

    private SmsSendHandler handler(int port) {
        return handler(port, 0);
    }

    private SmsSendHandler handler(int port, double ratePerSender) {
        return handler(port, ratePerSender, false, java.util.List.of());
    }

    /** Answers in the Lookup v2 dialect: the line type given for the number, an active line unless "inactive". */
    private void lookupAnswers(String type) {
        provider.createContext("/v2/PhoneNumbers/", exchange -> {
            lookups.incrementAndGet();
            byte[] body = ("{\"valid\":true,\"line_type_intelligence\":{\"type\":\""
                            + ("inactive".equals(type) ? "mobile" : type) + "\"},\"line_status\":{\"status\":\""
                            + ("inactive".equals(type) ? "inactive" : "active") + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private SmsSendHandler handler(
            int port,
            double ratePerSender,
            boolean lookup,
            java.util.List<org.careloop.engine.contact.InvalidContacts.Listener> listeners) {
        SmsProperties sms = new SmsProperties(
                "twilio",
                new SmsProperties.Twilio(
                        URI.create("http://127.0.0.1:" + port),
                        "ACtest",
                        "token",
                        "+16175550100",
                        Duration.ofMillis(500)),
                ratePerSender);
        MessageLedger ledger = mock(MessageLedger.class);
        return new SmsSendHandler(
                jdbc,
                Clock.systemUTC(),
                new TwilioSmsClient(sms, RestClient.builder()),
                new CareLoopProperties(URI.create("http://127.0.0.1:1")),
                ledger,
                new SmsStatusHandler(jdbc, Clock.systemUTC(), ledger, contacts(), cipher),
                mock(org.camunda.bpm.engine.RuntimeService.class),
                contacts(listeners),
                new SenderRateLimits(sms),
                new TwilioLookupClient(sms, lookups(port, lookup), lines(port, lookup), RestClient.builder()),
                cipher);
    }

    private static org.careloop.engine.config.LookupProperties lookups(int port, boolean enabled) {
        return new org.careloop.engine.config.LookupProperties(
                enabled, URI.create("http://127.0.0.1:" + port), Duration.ofDays(30));
    }

    private org.careloop.engine.contact.LineTypes lines(int port, boolean enabled) {
        return new org.careloop.engine.contact.LineTypes(jdbc, cipher, Clock.systemUTC(), lookups(port, enabled));
    }

    private org.careloop.engine.contact.InvalidContacts contacts() {
        return contacts(java.util.List.of());
    }

    private org.careloop.engine.contact.InvalidContacts contacts(
            java.util.List<org.careloop.engine.contact.InvalidContacts.Listener> listeners) {
        return new org.careloop.engine.contact.InvalidContacts(
                jdbc,
                cipher,
                Clock.systemUTC(),
                listeners,
                new org.springframework.transaction.support.TransactionTemplate(
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource())));
    }

    private String queued() {
        String id = UUID.randomUUID().toString();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        jdbc.update(
                "insert into outbound_message (id, patient_id, channel, to_number, template_id, body, status, created_at, updated_at) "
                        + "values (?, 'p1', 'sms', '+16175550123', 'ack-urgent', 'hello', 'QUEUED', ?, ?)",
                id,
                now,
                now);
        return id;
    }

    private static org.careloop.engine.outreach.SendRequested.ProgramMessage send(String id) {
        return new org.careloop.engine.outreach.SendRequested.ProgramMessage(id, "an-index");
    }

    private String status(String id) {
        return jdbc.queryForObject("select status from outbound_message where id = ?", String.class, id);
    }

    @Test
    void aProviderThatAnswersTooLateIsNotSentTheMessageAgain() throws IOException {
        SmsSendHandler handler = handler(provider(Duration.ofSeconds(2), 201));
        String id = queued();

        handler.handle(send(id));
        handler.handle(send(id)); // the outbox handing the same event over again

        assertThat(status(id)).isEqualTo("UNKNOWN");
        assertThat(received).hasValue(1);
    }

    @Test
    void aSenderOverItsRateWaitsForItsNextTokenWithoutAnAttemptAndAnotherSenderDoesNot() throws IOException {
        SmsSendHandler handler = handler(provider(Duration.ZERO, 201), 1);
        String first = queued();
        String second = queued();

        handler.handle(send(first));
        assertThatThrownBy(() -> handler.handle(send(second)))
                .isInstanceOfSatisfying(
                        org.careloop.engine.outbox.OutboxHandler.NotYet.class,
                        later -> assertThat(later.waitFor()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));

        assertThat(status(first)).isEqualTo("SENT");
        assertThat(status(second)).as("still queued, untouched").isEqualTo("QUEUED");
        assertThat(received).hasValue(1);
        String otherSender = queued();
        jdbc.update("update outbound_message set from_number = '+16175550200' where id = ?", otherSender);
        handler.handle(send(otherSender));
        assertThat(received)
                .as("the other sender's message went to the provider at once")
                .hasValue(2);
    }

    @Test
    void aProviderThatCannotBeReachedGetsTheMessageLater() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String id = queued();

        assertThatThrownBy(() -> handler(closedPort).handle(send(id))).isInstanceOf(RuntimeException.class);

        assertThat(status(id)).isEqualTo("QUEUED");
    }

    @Test
    void aThrottledSendIsRetried() throws IOException {
        SmsSendHandler handler = handler(provider(Duration.ZERO, 429));
        String id = queued();

        assertThatThrownBy(() -> handler.handle(send(id))).isInstanceOf(RuntimeException.class);

        assertThat(status(id)).isEqualTo("QUEUED");
    }

    @Test
    void aNumberTheProviderCallsInvalidIsMarkedOnceAndNothingMoreIsSentToIt() throws IOException {
        SmsSendHandler handler = handler(provider(Duration.ZERO, 400));
        String first = queued();
        String second = queued();

        handler.handle(send(first));
        handler.handle(send(second));

        assertThat(status(first)).isEqualTo("FAILED");
        assertThat(status(second)).isEqualTo("INVALID_CONTACT");
        assertThat(received).as("the provider is asked once").hasValue(1);
        assertThat(jdbc.queryForObject(
                        "select reason from contact_invalid where contact_index = ?",
                        String.class,
                        cipher.index("+16175550123")))
                .isEqualTo("Provider error 21211: not a valid phone number");
    }

    @Test
    void anAcceptedSendIsRecordedAsSent() throws IOException {
        SmsSendHandler handler = handler(provider(Duration.ZERO, 201));
        String id = queued();

        handler.handle(send(id));

        assertThat(status(id)).isEqualTo("SENT");
        assertThat(received).hasValue(1);
    }

    @Test
    void aMobileIsLookedUpOnceBeforeItsFirstTextAndThenTextedWithoutAskingAgain() throws IOException {
        int port = provider(Duration.ZERO, 201);
        lookupAnswers("mobile");
        SmsSendHandler handler = handler(port, 0, true, java.util.List.of());
        String first = queued();
        String second = queued();

        handler.handle(send(first));
        handler.handle(send(second));

        assertThat(status(first)).isEqualTo("SENT");
        assertThat(status(second)).isEqualTo("SENT");
        assertThat(lookups).as("the second text used the kept answer").hasValue(1);
        assertThat(jdbc.queryForObject(
                        "select line_type from number_lookup where number_index = ?",
                        String.class,
                        cipher.index("+16175550123")))
                .isEqualTo("mobile");
    }

    @Test
    void aLandlineIsNotTextedAndAPersonIsToldOnceButTheNumberStaysValidForCalls() throws IOException {
        int port = provider(Duration.ZERO, 201);
        lookupAnswers("landline");
        java.util.List<String> told = new java.util.ArrayList<>();
        SmsSendHandler handler =
                handler(port, 0, true, java.util.List.of((patient, number, reason) -> told.add(reason)));
        String first = queued();
        String second = queued();

        handler.handle(send(first));
        handler.handle(send(second));

        assertThat(status(first)).isEqualTo("INVALID_CONTACT");
        assertThat(status(second)).isEqualTo("INVALID_CONTACT");
        assertThat(received).as("nothing reached the provider").hasValue(0);
        assertThat(told).singleElement().asString().contains("landline");
        assertThat(contacts().isInvalid("+16175550123"))
                .as("a landline still takes calls")
                .isFalse();
        assertThat(lines(port, true).isLandline("+16175550123")).isTrue();
    }

    @Test
    void aNumberOutOfServiceIsMarkedInvalidAndNeverTexted() throws IOException {
        int port = provider(Duration.ZERO, 201);
        lookupAnswers("inactive");
        SmsSendHandler handler = handler(port, 0, true, java.util.List.of());
        String id = queued();

        handler.handle(send(id));

        assertThat(status(id)).isEqualTo("INVALID_CONTACT");
        assertThat(received).hasValue(0);
        assertThat(contacts().isInvalid("+16175550123")).isTrue();
    }

    @Test
    void aNumberOutOfServiceWhoseCoordinatorCannotBeToldIsNeitherMarkedNorRefusedUntilItCanBe() throws IOException {
        int port = provider(Duration.ZERO, 201);
        lookupAnswers("inactive");
        SmsSendHandler handler = handler(port, 0, true, java.util.List.of((patient, number, reason) -> {
            throw new IllegalStateException("the coordinator's handoff could not be started");
        }));
        String id = queued();

        assertThatThrownBy(() -> handler.handle(send(id))).isInstanceOf(IllegalStateException.class);

        assertThat(status(id)).as("left for the outbox to try again").isEqualTo("QUEUED");
        assertThat(contacts().isInvalid("+16175550123")).isFalse();
        assertThat(received).hasValue(0);
    }

    @Test
    void aLookupThatCannotBeAnsweredDoesNotHoldTheMessageAndIsAskedAgainNextTime() throws IOException {
        int port = provider(Duration.ZERO, 201);
        provider.createContext("/v2/PhoneNumbers/", exchange -> {
            lookups.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        SmsSendHandler handler = handler(port, 0, true, java.util.List.of());
        String first = queued();
        String second = queued();

        handler.handle(send(first));
        handler.handle(send(second));

        assertThat(status(first)).isEqualTo("SENT");
        assertThat(status(second)).isEqualTo("SENT");
        assertThat(lookups).as("nothing kept from a failed lookup").hasValue(2);
    }
}
