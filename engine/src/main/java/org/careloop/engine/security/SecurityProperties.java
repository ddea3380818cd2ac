package org.careloop.engine.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Security settings.
 *
 * @param maxRequestSize  the largest request body any endpoint accepts (413 beyond it)
 * @param scriptsEnabled  whether BPMN script tasks and scripts may run and be deployed (off: only expressions and
 *                        the application's delegates)
 * @param signIn          throttling of failed sign-ins
 * @param secondFactorRequired whether every person signs in with a TOTP code after the password (everywhere but
 *                        the demo; there, only those who set one up)
 * @param webhooks        how many webhooks with a bad signature one address may send
 * @param basicAuth       whether HTTP Basic is accepted (the demo); otherwise people sign in with the form and API
 *                        clients use bearer tokens ({@link TokenProperties})
 * @param sharedThrottles whether the failure counts of sign-ins, codes, token requests and webhooks live in the
 *                        database, shared by every node (PostgreSQL only: on in the {@code postgres} profile), rather
 *                        than in each node's memory
 */
@ConfigurationProperties("careloop.security")
public record SecurityProperties(
        @DefaultValue("16MB") DataSize maxRequestSize,
        @DefaultValue("false") boolean scriptsEnabled,
        @DefaultValue SignIn signIn,
        @DefaultValue("false") boolean basicAuth,
        @DefaultValue("true") boolean secondFactorRequired,
        @DefaultValue Webhooks webhooks,
        @DefaultValue("false") boolean sharedThrottles) {

    /**
     * Failed sign-ins are counted per source address and per account at that address; past either limit that
     * address is refused for the account (or altogether) until the window has passed. An account is never locked
     * for everyone, so nobody can lock out an integration by guessing its password.
     *
     * @param maxFailuresPerAddress            failures from one address, any accounts, within the window
     * @param maxFailuresPerAccountAndAddress  failures for one account from one address within the window
     * @param window                           how long failures count
     */
    public record SignIn(
            @DefaultValue("20") int maxFailuresPerAddress,
            @DefaultValue("5") int maxFailuresPerAccountAndAddress,
            @DefaultValue("15m") Duration window) {}

    /**
     * Webhooks that fail their signature check are counted per source address; past the limit that address is
     * answered 429 before anything of the request is read, until the window has passed. Webhooks with a valid
     * signature are never limited: a patient's reply refused by a rate limit would be lost, since the provider does
     * not send it again.
     *
     * @param maxFailuresPerAddress webhooks refused for their signature from one address within the window
     * @param window                how long refusals count
     */
    public record Webhooks(
            @DefaultValue("20") int maxFailuresPerAddress,
            @DefaultValue("15m") Duration window) {}
}
