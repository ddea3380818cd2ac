package org.careloop.engine.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per source address and per account at an address (token buckets that refill over the
 * window). A source past either limit is refused before its password is even checked; the account itself stays
 * open to every other address. Kept per node and bounded in size: an attacker spread over many nodes gets each
 * node's allowance, which still caps guessing at a few per minute.
 */
@Component
public class SignInThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final SecurityProperties.SignIn limits;
    private final Cache<String, Bucket> byAddress;
    private final Cache<String, Bucket> byAccountAtAddress;

    SignInThrottle(SecurityProperties properties) {
        this.limits = properties.signIn();
        this.byAddress = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(limits.window())
                .build();
        this.byAccountAtAddress = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(limits.window())
                .build();
    }

    /** Whether a sign-in for this account from this address may be tried now. */
    public boolean allows(String account, String address) {
        Bucket perAddress = byAddress.getIfPresent(address);
        Bucket perAccount = byAccountAtAddress.getIfPresent(key(account, address));
        return (perAddress == null || perAddress.getAvailableTokens() > 0)
                && (perAccount == null || perAccount.getAvailableTokens() > 0);
    }

    public void failed(String account, String address) {
        byAddress.get(address, a -> bucket(limits.maxFailuresPerAddress())).tryConsume(1);
        byAccountAtAddress
                .get(key(account, address), k -> bucket(limits.maxFailuresPerAccountAndAddress()))
                .tryConsume(1);
    }

    public void succeeded(String account, String address) {
        byAccountAtAddress.invalidate(key(account, address));
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, limits.window()))
                .build();
    }

    private static String key(String account, String address) {
        return account + "\n" + address;
    }
}
