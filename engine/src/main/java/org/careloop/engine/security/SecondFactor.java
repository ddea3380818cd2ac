package org.careloop.engine.security;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The staff's second factor: a TOTP secret (RFC 6238: SHA-1, six digits, 30-second steps, as every authenticator app
 * reads it) per user, confirmed with a first code before it counts. A code is accepted for the current step or one
 * step either side (clock drift), and never for a step at or before the last one accepted, so a code seen over a
 * shoulder or in a log cannot be used again.
 */
@Component
public class SecondFactor {

    static final int PERIOD_SECONDS = 30;
    static final String ISSUER = "CareLoop";

    private final JdbcTemplate jdbc;
    /** The wall clock, as the user's authenticator app keeps it (not the engine's clock, which a demo may move). */
    private final Clock clock = Clock.systemUTC();

    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    private final org.careloop.engine.crypto.PhiCipher cipher;

    SecondFactor(@Qualifier("engineJdbc") JdbcTemplate jdbc, org.careloop.engine.crypto.PhiCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Whether the user has a confirmed second factor. */
    public boolean enrolled(String user) {
        return !jdbc.queryForList("select user_id from staff_second_factor where user_id = ?", String.class, user)
                .isEmpty();
    }

    /** A new secret (base32, 160 bits), not yet stored: the user confirms it with a code first. */
    public String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** The QR code an authenticator app scans for this user and secret, as a {@code data:image/png} URI. */
    public String qrCode(String user, String secret) {
        QrData data = new QrData.Builder()
                .label(user)
                .secret(secret)
                .issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(6)
                .period(PERIOD_SECONDS)
                .build();
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            return dev.samstevens.totp.util.Utils.getDataUriForImage(
                    generator.generate(data), generator.getImageMimeType());
        } catch (QrGenerationException e) {
            throw new IllegalStateException("The QR code could not be drawn", e);
        }
    }

    /** Stores the secret as the user's second factor if the code matches it; false (and nothing stored) if not. */
    public boolean confirm(String user, String secret, String code) {
        Optional<Long> step = matchingStep(secret, code, -1);
        if (step.isEmpty()) {
            return false;
        }
        jdbc.update("delete from staff_second_factor where user_id = ?", user);
        jdbc.update(
                "insert into staff_second_factor (user_id, secret, confirmed_at, last_used_step) values (?, ?, ?, ?)",
                user,
                cipher.seal(secret, org.careloop.engine.crypto.PhiCipher.SECOND_FACTOR_SECRET),
                Timestamp.from(clock.instant()),
                step.get());
        return true;
    }

    /** Whether the code is the user's, for a step not used before; a match uses that step up. */
    public boolean verify(String user, String code) {
        List<java.util.Map<String, Object>> rows =
                jdbc.queryForList("select secret, last_used_step from staff_second_factor where user_id = ?", user);
        if (rows.isEmpty()) {
            return false;
        }
        long lastUsed = ((Number) rows.get(0).get("last_used_step")).longValue();
        Optional<Long> step = matchingStep(
                cipher.open(
                        (String) rows.get(0).get("secret"), org.careloop.engine.crypto.PhiCipher.SECOND_FACTOR_SECRET),
                code,
                lastUsed);
        // the step moves on only if no other sign-in used it meanwhile (two nodes, one code)
        return step.isPresent()
                && jdbc.update(
                                "update staff_second_factor set last_used_step = ? where user_id = ? "
                                        + "and last_used_step < ?",
                                step.get(),
                                user,
                                step.get())
                        == 1;
    }

    /** Removes a user's second factor (an administrator, when a phone is lost): they enrol again at next sign-in. */
    public void reset(String user) {
        jdbc.update("delete from staff_second_factor where user_id = ?", user);
    }

    private Optional<Long> matchingStep(String secret, String code, long after) {
        String digits = code == null ? "" : code.replaceAll("\\s", "");
        if (!digits.matches("\\d{6}")) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond() / PERIOD_SECONDS;
        for (long step = now - 1; step <= now + 1; step++) {
            if (step <= after) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(
                        codes.generate(secret, step).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                    return Optional.of(step);
                }
            } catch (CodeGenerationException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
