package org.careloop.engine.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outreach.MessageLedger;
import org.careloop.engine.outreach.SendRequested;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/** A send that got no answer is settled by asking the provider's message list, never by sending blindly again. */
class UnknownSendsTest {

    private static final String TO = "+16175550123";
    private JdbcTemplate jdbc;
    private HttpServer provider;
    private final AtomicReference<String> listAnswer = new AtomicReference<>();
    private final AtomicReference<Integer> listStatus = new AtomicReference<>(200);
    private final AtomicReference<String> askedFor = new AtomicReference<>();
    private final Outbox outbox = mock(Outbox.class);

    @BeforeEach
    void freshDatabaseAndProvider() throws IOException {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:unknown-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = new JdbcTemplate(db);
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/2010-04-01/Accounts/ACtest/Messages.json", exchange -> {
            askedFor.set(exchange.getRequestURI().getRawQuery());
            byte[] body = listAnswer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(listStatus.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    private UnknownSends settler() {
        SmsProperties sms = new SmsProperties(
                "twilio",
                new SmsProperties.Twilio(
                        URI.create("http://127.0.0.1:" + provider.getAddress().getPort()),
                        "ACtest",
                        "token",
                        "+16175550100",
                        Duration.ofSeconds(2)),
                0);
        MessageLedger ledger = mock(MessageLedger.class);
        return new UnknownSends(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())),
                Clock.systemUTC(),
                new TwilioSmsClient(sms, RestClient.builder()),
                ledger,
                new SmsStatusHandler(jdbc, Clock.systemUTC(), ledger, contacts(), cipher()),
                outbox,
                cipher());
    }

    private String unknown(String body, Duration ago) {
        String id = UUID.randomUUID().toString();
        Timestamp then = Timestamp.from(Instant.now().minus(ago));
        jdbc.update(
                "insert into outbound_message (id, patient_id, channel, to_number, template_id, body, status, "
                        + "created_at, updated_at) values (?, 'p1', 'sms', ?, 'checkin', ?, 'UNKNOWN', ?, ?)",
                id,
                TO,
                body,
                then,
                then);
        return id;
    }

    private Map<String, Object> row(String id) {
        return jdbc.queryForMap("select status, provider_sid from outbound_message where id = ?", id);
    }

    @Test
    void aMessageTheProviderTookIsMarkedSentUnderItsSidAndNotSentAgain() {
        String id = unknown("How are you feeling today?", Duration.ofMinutes(5));
        listAnswer.set("{\"messages\":[{\"sid\":\"SMother\",\"to\":\"" + TO + "\",\"body\":\"Something else\"},"
                + "{\"sid\":\"SMtaken\",\"to\":\"" + TO
                + "\",\"body\":\"How are you feeling today?\",\"status\":\"delivered\"}]}");

        settler().settleAll();

        assertThat(row(id)).containsEntry("STATUS", "SENT").containsEntry("PROVIDER_SID", "SMtaken");
        assertThat(askedFor.get()).contains("To=%2B16175550123").contains("DateSent%3E=");
        verify(outbox, never()).enqueue(any());
    }

    @Test
    void aMessageTheProviderNeverHadIsQueuedAgain() {
        String id = unknown("How are you feeling today?", Duration.ofMinutes(5));
        listAnswer.set("{\"messages\":[]}");

        settler().settleAll();

        assertThat(row(id)).containsEntry("STATUS", "QUEUED");
        verify(outbox).enqueue(new SendRequested.ProgramMessage(id, cipher().index(TO)));
    }

    @Test
    void aProviderThatCannotBeAskedLeavesTheMessageUnknownForTheNextRound() {
        String id = unknown("How are you feeling today?", Duration.ofMinutes(5));
        listStatus.set(503);
        listAnswer.set("{\"code\":20503,\"message\":\"Service unavailable\"}");

        settler().settleAll();

        assertThat(row(id)).containsEntry("STATUS", "UNKNOWN");
        verify(outbox, never()).enqueue(any());
    }

    @Test
    void aSendThatMayStillBeOnItsWayIsLeftAlone() {
        String id = unknown("How are you feeling today?", Duration.ofSeconds(10));
        listAnswer.set("{\"messages\":[]}");

        settler().settleAll();

        assertThat(row(id)).containsEntry("STATUS", "UNKNOWN");
        assertThat(askedFor.get()).isNull();
    }

    private org.careloop.engine.crypto.PhiCipher cipher;

    private org.careloop.engine.crypto.PhiCipher cipher() {
        if (cipher == null) {
            cipher = new org.careloop.engine.crypto.PhiCipher(
                    jdbc,
                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()),
                    Clock.systemUTC(),
                    new org.careloop.engine.crypto.CryptoProperties(null, null));
        }
        return cipher;
    }

    private org.careloop.engine.contact.InvalidContacts contacts() {
        return new org.careloop.engine.contact.InvalidContacts(
                jdbc,
                cipher(),
                Clock.systemUTC(),
                java.util.List.of(),
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())));
    }
}
