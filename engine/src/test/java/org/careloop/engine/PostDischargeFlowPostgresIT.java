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

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("camundaBpmDataSource")
    javax.sql.DataSource engineDataSource;

    @Test
    void twoNodesDrawOnOneTokenBucketPerSenderNumberInTheDatabase() {
        var sms = new org.careloop.engine.channels.sms.SmsProperties(
                "twilio",
                new org.careloop.engine.channels.sms.SmsProperties.Twilio(
                        java.net.URI.create("http://127.0.0.1:1"),
                        ACCOUNT_SID,
                        AUTH_TOKEN,
                        OUR_NUMBER,
                        java.time.Duration.ofSeconds(1)),
                1);
        var nodeA = new org.careloop.engine.channels.sms.SenderRateLimits(sms, true, engineDataSource);
        var nodeB = new org.careloop.engine.channels.sms.SenderRateLimits(sms, true, engineDataSource);
        String sender = TestNumbers.unused("+1617555");
        String otherSender = TestNumbers.unused("+1617556");

        assertThat(nodeA.take(sender)).isZero();
        assertThat(nodeB.take(sender))
                .as("the other node, within the same second: the long code's one message a second is shared")
                .isPositive()
                .isLessThanOrEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(nodeB.take(otherSender))
                .as("another sender number has its own bucket")
                .isZero();
        assertThat(engineDb.queryForObject(
                        "select count(*) from sender_rate_bucket where id in (?, ?)",
                        Integer.class,
                        sender,
                        otherSender))
                .isEqualTo(2);
    }

    @Test
    void twoNodesCountOneSetOfFailedSignInsInTheDatabase() {
        var limits = new org.careloop.engine.security.SecurityProperties(
                org.springframework.util.unit.DataSize.ofMegabytes(16),
                false,
                new org.careloop.engine.security.SecurityProperties.SignIn(3, 2, java.time.Duration.ofMinutes(15)),
                false,
                true,
                new org.careloop.engine.security.SecurityProperties.Webhooks(20, java.time.Duration.ofMinutes(15)),
                true);
        var nodeA = new org.careloop.engine.security.SignInThrottle(
                limits, new org.careloop.engine.security.ThrottleStore(limits, engineDataSource));
        var nodeB = new org.careloop.engine.security.SignInThrottle(
                limits, new org.careloop.engine.security.ThrottleStore(limits, engineDataSource));
        String address =
                "10.9." + java.util.concurrent.ThreadLocalRandom.current().nextInt(255) + "."
                        + java.util.concurrent.ThreadLocalRandom.current().nextInt(255);

        nodeA.failed("mallory", address);
        assertThat(nodeB.allows("mallory", address)).isTrue();
        nodeB.failed("mallory", address);
        assertThat(nodeA.allows("mallory", address))
                .as("node A counted one failure itself; the account's second, at node B, is counted for it too")
                .isFalse();
        assertThat(nodeA.allows("alice", address))
                .as("another account from that address: 2 of the address's 3")
                .isTrue();
        nodeA.failed("alice", address);
        assertThat(nodeB.allows("bob", address))
                .as("the address's third failure, counted at node A")
                .isFalse();
        assertThat(nodeB.allows("bob", "10.8.0.1")).as("another address").isTrue();
        assertThat(engineDb.queryForObject(
                        "select count(*) from throttle_bucket where id like ?", Integer.class, "%" + address + "%"))
                .as("the address, and mallory's and alice's failures at it")
                .isEqualTo(3);

        nodeB.succeeded("alice", address);
        assertThat(engineDb.queryForObject(
                        "select count(*) from throttle_bucket where id like ?",
                        Integer.class,
                        "%" + address + " alice"))
                .as("a success forgets the account's failures at that address, on every node")
                .isZero();
    }
}
