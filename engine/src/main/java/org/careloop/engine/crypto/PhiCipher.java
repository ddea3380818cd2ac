package org.careloop.engine.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
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
import java.util.Locale;
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
 *
 * <p>Contacts (phone numbers, email addresses) are sealed too; the look-ups that need equality (a number arriving on a
 * webhook, an opt-out, a number the carrier refused) use a blind index instead: a keyed hash (HMAC-SHA256, Tink's
 * PRF) of the normalised contact, under a key of its own, wrapped like the data keys. That key is not rotated with
 * the data keys, since every index would have to be computed again from the sealed values; re-wrapping it with a new
 * key-encryption key is.
 */
@org.springframework.context.annotation.DependsOn("kmsRegistration")
@Component
public class PhiCipher {

    private static final Logger log = LoggerFactory.getLogger(PhiCipher.class);
    /** Marks a sealed value: version 1 of this format (base64 of Tink's ciphertext). */
    public static final String PREFIX = "enc1:";
    /** The columns sealed in CareLoop's tables, each its own associated data. */
    public static final String OUTBOUND_BODY = "outbound_message.body";

    public static final String INBOUND_BODY = "inbound_message.body";

    /** The patient's number or address a message went to. */
    public static final String OUTBOUND_TO = "outbound_message.to_number";
    /** The patient's number a message came from. */
    public static final String INBOUND_FROM = "inbound_message.from_number";
    /** The contact a consent decision came from, and the patient's words. */
    public static final String CONSENT_CONTACT = "consent_record.contact";

    public static final String CONSENT_WORDS = "consent_record.words";
    /** The patient's words that opted a number out. */
    public static final String OPT_OUT_WORDS = "sms_opt_out.words";
    /** A member of staff's TOTP secret. */
    public static final String SECOND_FACTOR_SECRET = "staff_second_factor.secret";
    /** An automated summary of a patient's messages for staff. */
    public static final String HANDOFF_SUMMARY = "handoff_summary.summary";
    /** Why a clinician broke the glass to read a patient outside their queues. */
    public static final String EMERGENCY_REASON = "emergency_access.reason";
    /** A handoff's change note: a completion note, or the message sent to the patient from the task. */
    public static final String HANDOFF_NOTE = "handoff_change.note";

    private static final byte[] KEYSET_CONTEXT = "careloop phi keyset".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INDEX_CONTEXT = "careloop blind index keyset".getBytes(StandardCharsets.UTF_8);
    /** The rows of {@code phi_keyset}: the data keys, and the blind index's key. */
    private static final int DATA_KEYS = 1;

    private static final int INDEX_KEY = 2;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final CryptoProperties properties;
    /** Key changes commit on their own: a caller's rollback must never lose a key that sealed something. */
    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

    private volatile Aead kek;
    private volatile Aead data;
    private volatile KeysetHandle keyset;
    private volatile KeysetHandle indexKeyset;
    private volatile PrfSet index;

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
            PrfConfig.register();
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

    /**
     * The blind index of a contact: the same for the same number or address (case of an email address ignored), and
     * nothing of it can be learnt without the index key. Null stays null.
     */
    public String index(String contact) {
        if (contact == null) {
            return null;
        }
        String normal = contact.strip();
        if (normal.contains("@")) {
            normal = normal.toLowerCase(Locale.ROOT);
        }
        try {
            byte[] hash = indexPrf().computePrimary(("contact:" + normal).getBytes(StandardCharsets.UTF_8), 32);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A contact could not be indexed", e);
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
            store(DATA_KEYS, KEYSET_CONTEXT, rotated, kek(), false);
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
        Aead fresh = readKek(properties.kekFile(), properties.kekUri());
        if (fresh == null) {
            throw new IllegalStateException(
                    "careloop.crypto.kek-file (or .kek-uri) is not set: nothing to re-wrap with");
        }
        store(DATA_KEYS, KEYSET_CONTEXT, current, fresh, false);
        store(INDEX_KEY, INDEX_CONTEXT, indexKeyset, fresh, false);
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

    private PrfSet indexPrf() {
        aead();
        return index;
    }

    /** Reads the wrapped data keys and index key from the database (making them at the first start), unwraps them. */
    synchronized void reload() {
        Aead wrapping = kek();
        KeysetHandle handle = load(DATA_KEYS, KEYSET_CONTEXT, PredefinedAeadParameters.AES256_GCM, wrapping);
        KeysetHandle indexHandle = load(INDEX_KEY, INDEX_CONTEXT, PredefinedPrfParameters.HMAC_SHA256_PRF, wrapping);
        try {
            this.index = indexHandle.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
            this.indexKeyset = indexHandle;
            this.data = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.keyset = handle;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data keys cannot be used", e);
        }
    }

    private KeysetHandle load(int row, byte[] context, com.google.crypto.tink.Parameters kind, Aead wrapping) {
        String select = "select wrapped from phi_keyset where id = ?";
        List<String> stored = jdbc.queryForList(select, String.class, row);
        if (stored.isEmpty()) {
            try {
                store(row, context, KeysetHandle.generateNew(kind), wrapping, true);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("No data key could be made", e);
            }
            stored = jdbc.queryForList(select, String.class, row);
        }
        KeysetHandle handle = unwrap(stored.get(0), wrapping, context);
        if (handle == null) {
            Aead previous = readKek(properties.previousKekFile(), properties.previousKekUri());
            handle = previous == null ? null : unwrap(stored.get(0), previous, context);
            if (handle == null) {
                throw new IllegalStateException("The data keys in the database are not wrapped by the key-encryption "
                        + "key configured (careloop.crypto.kek-file, or .previous-kek-file): patients' information "
                        + "cannot be read");
            }
            // wrapped by the previous key-encryption key: move them to the current one
            store(row, context, handle, wrapping, false);
            log.info("Keys re-wrapped from the previous key-encryption key to the current one");
        }
        return handle;
    }

    private static KeysetHandle unwrap(String wrapped, Aead wrapping, byte[] context) {
        try {
            return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(wrapped, wrapping, context);
        } catch (GeneralSecurityException notThisKey) {
            return null;
        }
    }

    private void store(int row, byte[] context, KeysetHandle handle, Aead wrapping, boolean first) {
        try {
            String wrapped = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, wrapping, context);
            Timestamp now = Timestamp.from(clock.instant());
            if (first) {
                try {
                    ownTransaction.executeWithoutResult(tx -> jdbc.update(
                            "insert into phi_keyset (id, wrapped, updated_at) values (?, ?, ?)", row, wrapped, now));
                } catch (DuplicateKeyException madeByAnotherNode) {
                    // another node made the first keyset at the same moment: theirs is the one
                }
                return;
            }
            ownTransaction.executeWithoutResult(tx ->
                    jdbc.update("update phi_keyset set wrapped = ?, updated_at = ? where id = ?", wrapped, now, row));
            if (row == DATA_KEYS) {
                this.data = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
                this.keyset = handle;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data keys could not be stored", e);
        }
    }

    private Aead kek() {
        if (kek == null) {
            Aead configured = readKek(properties.kekFile(), properties.kekUri());
            if (configured == null) {
                if (!jdbc.queryForList("select id from phi_keyset", Integer.class)
                        .isEmpty()) {
                    throw new IllegalStateException("careloop.crypto.kek-file is not set, but the database holds "
                            + "wrapped data keys: set it to the key-encryption key that wrapped them");
                }
                log.warn("careloop.crypto.kek-file is not set: a key-encryption key is made for this run only; "
                        + "data encrypted now cannot be read after a restart, so this suits only a database made "
                        + "for the run (the embedded default without careloop.data-dir)");
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

    /** The key-encryption key: held by a key management service when a URI names one, else read from a file. */
    private static Aead readKek(String file, String uri) {
        if (uri != null && !uri.isBlank()) {
            try {
                return com.google.crypto.tink.KmsClients.get(uri).getAead(uri);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(
                        "No key management service client takes careloop.crypto.kek-uri "
                                + uri.replaceAll("^([a-z0-9-]+://).*", "$1") + "…: register a Tink KmsClient for it",
                        e);
            }
        }
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
