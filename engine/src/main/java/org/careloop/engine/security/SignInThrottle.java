package org.careloop.engine.security;

import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per source address and per account at an address (token buckets that refill over the
 * window). A source past either limit is refused before its password is even checked; the account itself stays
 * open to every other address. The same counts serve second-factor codes and the token endpoint. Where the {@link
 * ThrottleStore} shares them (PostgreSQL), every node counts the same failures and asks the database before each
 * try, so N nodes give an attacker no more tries than one.
 */
@Component
public class SignInThrottle {

    private final FailureCounts byAddress;
    private final FailureCounts byAccountAtAddress;

    public SignInThrottle(SecurityProperties properties, ThrottleStore store) {
        SecurityProperties.SignIn limits = properties.signIn();
        this.byAddress = store.counts("sign-in-address", limits.maxFailuresPerAddress(), limits.window(), true);
        this.byAccountAtAddress =
                store.counts("sign-in-account", limits.maxFailuresPerAccountAndAddress(), limits.window(), true);
    }

    /** Whether a sign-in for this account from this address may be tried now. */
    public boolean allows(String account, String address) {
        return !byAddress.blocked(address) && !byAccountAtAddress.blocked(key(account, address));
    }

    public void failed(String account, String address) {
        byAddress.failed(address);
        byAccountAtAddress.failed(key(account, address));
    }

    public void succeeded(String account, String address) {
        byAccountAtAddress.forget(key(account, address));
    }

    private static String key(String account, String address) {
        return address + " " + account;
    }
}
