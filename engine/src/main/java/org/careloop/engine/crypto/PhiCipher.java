package org.careloop.engine.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Envelope encryption of patients' information (Google Tink): values are sealed with AES-256-GCM data keys, which are
 * stored in the database only wrapped by the key-encryption key kept outside it. Each sealed value names the data key
 * that sealed it (Tink's key id), so keys are versioned: a rotation adds a new primary key, new values use it, old
 * values still open, and a re-encryption pass moves them on. The associated data binds a value to its column, so a
 * sealed value copied into another column does not open. Values written before encryption was on (no prefix) are
 * read as they are, until the re-encryption pass seals them.
 */
@Component
public class PhiCipher {

    private static final Logger log = LoggerFactory.getLogger(PhiCipher.class);
    /** Marks a sealed value: version 1 of this format (base64 of Tink's ciphertext). */
    public static final String PREFIX = "enc1:";
    /** The columns sealed in CareLoop's tables, each its own associated data. */
    public static final String OUTBOUND_BODY = "outbound_message.body";

    public static final String INBOUND_BODY = "inbound_message.body";

    private static final byte[] KEYSET_CONTEXT = "careloop phi keyset".getBytes(StandardCharsets.UTF_8);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final CryptoProperties properties;
    /** Key changes commit on their own: a caller's rollback must never lose a key that sealed something. */
    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

    private volatile Aead kek;
    private volatile Aead data;
    private volatile KeysetHandle keyset;

    public PhiCipher(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("camundaBpmTransactionManager")
                    org.springframework.transaction.PlatformTransactionManager manager,
            Clock clock,
            CryptoProperties properties) {
        this.jdbc = jdbc;
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(manager);
        this.ownTransaction.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.properties = properties;
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD could not be registered", e);
        }
    }

    /** The value sealed for its column ({@code table.column}); null stays null. */
    public String seal(String plaintext, String column) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] sealed = aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), aad(column));
            return PREFIX + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A value could not be encrypted", e);
        }
    }

    /** The plaintext of a value read from its column; a value never sealed is returned as it is. */
    public String open(String stored, String column) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            return new String(aead().decrypt(sealed, aad(column)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException staleKeys) {
            // another node may have rotated the keys: read them again once
            reload();
            try {
                return new String(aead().decrypt(sealed, aad(column)), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("A value of " + column + " could not be decrypted", e);
            }
        }
    }

    /** Whether a stored value is sealed with the current primary key (the re-encryption pass skips those). */
    public boolean sealedWithPrimary(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return false;
        }
        byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        int primary = keyset().getPrimary().getId();
        // Tink's prefix: one version byte, then the key id (big-endian)
        return sealed.length > 5 && java.nio.ByteBuffer.wrap(sealed, 1, 4).getInt() == primary;
    }

    /** A new data key becomes primary; the old ones stay to open what they sealed. Returns the new key's id. */
    public synchronized int rotate() {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(keyset())
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            store(rotated, kek(), false);
            int id = rotated.getPrimary().getId();
            log.info("Data key rotated: key {} is primary, {} keys in the keyset", id, rotated.size());
            return id;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data keys could not be rotated", e);
        }
    }

    /**
     * Re-wraps the data keys with the key-encryption key now in {@code careloop.crypto.kek-file} (an operator put a
     * new one there): the data keys themselves, and so every sealed value, stay as they are.
     */
    public synchronized void rewrap() {
        KeysetHandle current = keyset();
        Aead fresh = readKek(properties.kekFile());
        if (fresh == null) {
            throw new IllegalStateException("careloop.crypto.kek-file is not set: nothing to re-wrap with");
        }
        store(current, fresh, false);
        this.kek = fresh;
        log.info("Data keys re-wrapped with the key-encryption key in careloop.crypto.kek-file");
    }

    /** The number of data keys (versions) in the keyset. */
    public int keys() {
        return keyset().size();
    }

    private static byte[] aad(String column) {
        return column.getBytes(StandardCharsets.UTF_8);
    }

    private Aead aead() {
        Aead current = data;
        if (current == null) {
            synchronized (this) {
                if (data == null) {
                    reload();
                }
                current = data;
            }
        }
        return current;
    }

    private KeysetHandle keyset() {
        aead();
        return keyset;
    }

    /** Reads the wrapped data keys from the database (making them at the first start) and unwraps them. */
    synchronized void reload() {
        Aead wrapping = kek();
        List<String> stored = jdbc.queryForList("select wrapped from phi_keyset where id = 1", String.class);
        if (stored.isEmpty()) {
            try {
                store(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), wrapping, true);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("No data key could be made", e);
            }
            stored = jdbc.queryForList("select wrapped from phi_keyset where id = 1", String.class);
        }
        KeysetHandle handle = unwrap(stored.get(0), wrapping);
        if (handle == null) {
            Aead previous = readKek(properties.previousKekFile());
            handle = previous == null ? null : unwrap(stored.get(0), previous);
            if (handle == null) {
                throw new IllegalStateException("The data keys in the database are not wrapped by the key-encryption "
                        + "key configured (careloop.crypto.kek-file, or .previous-kek-file): patients' information "
                        + "cannot be read");
            }
            // wrapped by the previous key-encryption key: move them to the current one
            store(handle, wrapping, false);
            log.info("Data keys re-wrapped from the previous key-encryption key to the current one");
        }
        try {
            this.data = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.keyset = handle;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data keys cannot be used", e);
        }
    }

    private static KeysetHandle unwrap(String wrapped, Aead wrapping) {
        try {
            return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(wrapped, wrapping, KEYSET_CONTEXT);
        } catch (GeneralSecurityException notThisKey) {
            return null;
        }
    }

    private void store(KeysetHandle handle, Aead wrapping, boolean first) {
        try {
            String wrapped = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, wrapping, KEYSET_CONTEXT);
            Timestamp now = Timestamp.from(clock.instant());
            if (first) {
                try {
                    ownTransaction.executeWithoutResult(tx -> jdbc.update(
                            "insert into phi_keyset (id, wrapped, updated_at) values (1, ?, ?)", wrapped, now));
                } catch (DuplicateKeyException madeByAnotherNode) {
                    // another node made the first keyset at the same moment: theirs is the one
                }
                return;
            }
            ownTransaction.executeWithoutResult(
                    tx -> jdbc.update("update phi_keyset set wrapped = ?, updated_at = ? where id = 1", wrapped, now));
            this.data = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.keyset = handle;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data keys could not be stored", e);
        }
    }

    private Aead kek() {
        if (kek == null) {
            Aead configured = readKek(properties.kekFile());
            if (configured == null) {
                if (!jdbc.queryForList("select id from phi_keyset", Integer.class)
                        .isEmpty()) {
                    throw new IllegalStateException("careloop.crypto.kek-file is not set, but the database holds "
                            + "wrapped data keys: set it to the key-encryption key that wrapped them");
                }
                log.warn("careloop.crypto.kek-file is not set: a key-encryption key is made for this run only; "
                        + "data encrypted now cannot be read after a restart with another database than an "
                        + "in-memory one");
                configured = generatedKek();
            }
            kek = configured;
        }
        return kek;
    }

    private static Aead generatedKek() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Aead readKek(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(Path.of(file)), InsecureSecretKeyAccess.get())
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (IOException e) {
            throw new UncheckedIOException("The key-encryption key file cannot be read: " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The key-encryption key file is not a Tink AEAD keyset: " + file, e);
        }
    }
}
