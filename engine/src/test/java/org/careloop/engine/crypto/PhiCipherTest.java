package org.careloop.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Envelope encryption of patients' information: a value opens only from its own column, keys are versioned (a
 * rotation leaves old values readable), the data keys are stored only wrapped by the key-encryption key, which can be
 * replaced while values stay as they are, and a database whose keys another key wrapped is refused.
 */
class PhiCipherTest {

    @TempDir
    Path dir;

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:cipher-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        jdbc.execute("create table phi_keyset (id int primary key, wrapped varchar(20000) not null, "
                + "updated_at timestamp not null)");
    }

    private PhiCipher cipher(String kekFile, String previous) {
        return new PhiCipher(
                jdbc,
                new DataSourceTransactionManager(jdbc.getDataSource()),
                Clock.systemUTC(),
                new CryptoProperties(kekFile, previous));
    }

    private String newKek(String name) throws Exception {
        AeadConfig.register();
        Path file = dir.resolve(name);
        Files.writeString(
                file,
                TinkJsonProtoKeysetFormat.serializeKeyset(
                        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get()));
        return file.toString();
    }

    @Test
    void aSealedValueHidesItsTextAndOpensOnlyFromItsOwnColumn() throws Exception {
        PhiCipher cipher = cipher(newKek("kek.json"), null);

        String sealed = cipher.seal("I have chest pain", PhiCipher.INBOUND_BODY);

        assertThat(sealed).startsWith(PhiCipher.PREFIX).doesNotContain("chest");
        assertThat(cipher.seal("I have chest pain", PhiCipher.INBOUND_BODY))
                .as("randomised: equal texts do not give equal values")
                .isNotEqualTo(sealed);
        assertThat(cipher.open(sealed, PhiCipher.INBOUND_BODY)).isEqualTo("I have chest pain");
        assertThatThrownBy(() -> cipher.open(sealed, PhiCipher.OUTBOUND_BODY))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cipher.open("written before encryption", PhiCipher.INBOUND_BODY))
                .isEqualTo("written before encryption");
        assertThat(cipher.open(null, PhiCipher.INBOUND_BODY)).isNull();
        assertThat(jdbc.queryForObject("select wrapped from phi_keyset where id = 1", String.class))
                .as("the data keys are stored wrapped")
                .doesNotContain("AES256")
                .contains("encryptedKeyset");
    }

    @Test
    void aRotationMakesANewPrimaryKeyAndOldValuesStillOpenAlsoOnAnotherNode() throws Exception {
        String kek = newKek("kek.json");
        PhiCipher cipher = cipher(kek, null);
        String before = cipher.seal("glucose 182", PhiCipher.INBOUND_BODY);
        PhiCipher otherNode = cipher(kek, null);
        assertThat(otherNode.open(before, PhiCipher.INBOUND_BODY)).isEqualTo("glucose 182");

        cipher.rotate();
        String after = cipher.seal("glucose 190", PhiCipher.INBOUND_BODY);

        assertThat(cipher.keys()).isEqualTo(2);
        assertThat(cipher.sealedWithPrimary(before)).isFalse();
        assertThat(cipher.sealedWithPrimary(after)).isTrue();
        assertThat(cipher.open(before, PhiCipher.INBOUND_BODY)).isEqualTo("glucose 182");
        assertThat(otherNode.open(after, PhiCipher.INBOUND_BODY))
                .as("the other node reads the rotated keys when it meets a value of the new key")
                .isEqualTo("glucose 190");
    }

    @Test
    void aNewKeyEncryptionKeyRewrapsTheDataKeysAndTheOldOneNoLongerOpensThem() throws Exception {
        String kekFile = newKek("kek.json");
        String oldKek = Files.readString(Path.of(kekFile));
        PhiCipher cipher = cipher(kekFile, null);
        String sealed = cipher.seal("bp 150/95", PhiCipher.INBOUND_BODY);

        Files.writeString(Path.of(newKek("next.json")), Files.readString(Path.of(newKek("next.json"))));
        Files.copy(
                Path.of(dir.resolve("next.json").toString()),
                Path.of(kekFile),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        cipher.rewrap();

        assertThat(cipher(kekFile, null).open(sealed, PhiCipher.INBOUND_BODY)).isEqualTo("bp 150/95");
        Path old = dir.resolve("old.json");
        Files.writeString(old, oldKek);
        assertThatThrownBy(() -> cipher(old.toString(), null).open(sealed, PhiCipher.INBOUND_BODY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not wrapped by the key-encryption key");
        assertThatThrownBy(() -> cipher(null, null).open(sealed, PhiCipher.INBOUND_BODY))
                .as("no key-encryption key, but wrapped data keys in the database")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("careloop.crypto.kek-file is not set");
    }

    @Test
    void dataKeysWrappedByThePreviousKeyEncryptionKeyMoveToTheCurrentOneAtStart() throws Exception {
        String previous = newKek("previous.json");
        String sealed = cipher(previous, null).seal("weight 212 lb", PhiCipher.INBOUND_BODY);
        String current = newKek("current.json");

        assertThat(cipher(current, previous).open(sealed, PhiCipher.INBOUND_BODY))
                .isEqualTo("weight 212 lb");
        assertThat(cipher(current, null).open(sealed, PhiCipher.INBOUND_BODY))
                .as("re-wrapped: the previous key is no longer needed")
                .isEqualTo("weight 212 lb");
    }

    @Test
    void aContactsBlindIndexIsTheSameOnEveryNodeAndAfterRotationAndRewrapAndTellsNothingWithoutItsKey()
            throws Exception {
        String kekFile = newKek("kek.json");
        PhiCipher cipher = cipher(kekFile, null);
        String index = cipher.index("+16175550123");

        assertThat(index).hasSize(43).doesNotContain("6175550123");
        assertThat(index)
                .as("base64url, so never taken for a number or an address written before indexing")
                .matches("[A-Za-z0-9_-]{43}");
        assertThat(cipher(kekFile, null).index("+16175550123"))
                .as("another node")
                .isEqualTo(index);
        assertThat(cipher.index(" +16175550123 ")).isEqualTo(index);
        assertThat(cipher.index("+16175550124")).isNotEqualTo(index);
        assertThat(cipher.index("Ana.Lopez@Example.org"))
                .as("an address in any case")
                .isEqualTo(cipher.index("ana.lopez@example.org"));
        assertThat(cipher.index(null)).isNull();

        cipher.rotate();
        assertThat(cipher.index("+16175550123")).as("after a rotation").isEqualTo(index);
        Files.copy(Path.of(newKek("next.json")), Path.of(kekFile), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        cipher.rewrap();
        assertThat(cipher(kekFile, null).index("+16175550123"))
                .as("after a new key-encryption key")
                .isEqualTo(index);
        assertThat(jdbc.queryForList("select wrapped from phi_keyset order by id", String.class))
                .as("the data keys and the index key, both stored wrapped")
                .hasSize(2)
                .allSatisfy(wrapped -> assertThat(wrapped).contains("encryptedKeyset"));

        database();
        assertThat(cipher(newKek("elsewhere.json"), null).index("+16175550123"))
                .as("another installation's index key")
                .isNotEqualTo(index);
    }

    /**
     * A key management service in this JVM, as Tink's AWS and GCP clients are elsewhere: it holds one AES-GCM key per
     * URI and never hands it out, only its encryption and decryption.
     */
    static final class LocalKms implements com.google.crypto.tink.KmsClient {
        static final String PREFIX = "local-kms://";
        private final java.util.Map<String, com.google.crypto.tink.Aead> keys =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public boolean doesSupport(String keyUri) {
            return keyUri != null && keyUri.startsWith(PREFIX);
        }

        @Override
        public com.google.crypto.tink.KmsClient withCredentials(String credentialPath) {
            return this;
        }

        @Override
        public com.google.crypto.tink.KmsClient withDefaultCredentials() {
            return this;
        }

        @Override
        public com.google.crypto.tink.Aead getAead(String keyUri) {
            return keys.computeIfAbsent(keyUri, uri -> {
                try {
                    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                            .getPrimitive(
                                    com.google.crypto.tink.RegistryConfiguration.get(),
                                    com.google.crypto.tink.Aead.class);
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private static final LocalKms KMS = new LocalKms();

    private PhiCipher cipherWithKms(String kekUri, String previousUri) throws Exception {
        AeadConfig.register();
        com.google.crypto.tink.KmsClients.add(KMS);
        return new PhiCipher(
                jdbc,
                new DataSourceTransactionManager(jdbc.getDataSource()),
                Clock.systemUTC(),
                new CryptoProperties(null, null, kekUri, previousUri));
    }

    @Test
    void aKeyHeldByAKeyManagementServiceWrapsTheDataKeysAndANodeWithAnotherKeyIsRefused() throws Exception {
        String key = LocalKms.PREFIX + "careloop-" + UUID.randomUUID();
        String sealed = cipherWithKms(key, null).seal("glucose 54", PhiCipher.INBOUND_BODY);

        assertThat(cipherWithKms(key, null).open(sealed, PhiCipher.INBOUND_BODY))
                .as("another node (or a restart) with the same key")
                .isEqualTo("glucose 54");
        assertThatThrownBy(() ->
                        cipherWithKms(LocalKms.PREFIX + "someone-else", null).open(sealed, PhiCipher.INBOUND_BODY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not wrapped by the key-encryption key");
        assertThatThrownBy(() -> cipherWithKms("nowhere-kms://key", null).open(sealed, PhiCipher.INBOUND_BODY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No key management service client takes careloop.crypto.kek-uri nowhere-kms://");
    }

    @Test
    void dataKeysMoveFromAFileKeyToAKeyManagementServicesKeyAndTheFileIsNoLongerNeeded() throws Exception {
        String file = newKek("before-kms.json");
        String sealed = cipher(file, null).seal("bp 185/125", PhiCipher.INBOUND_BODY);
        String key = LocalKms.PREFIX + "careloop-" + UUID.randomUUID();

        PhiCipher moved = new PhiCipher(
                jdbc,
                new DataSourceTransactionManager(jdbc.getDataSource()),
                Clock.systemUTC(),
                new CryptoProperties(null, file, key, null));
        com.google.crypto.tink.KmsClients.add(KMS);

        assertThat(moved.open(sealed, PhiCipher.INBOUND_BODY)).isEqualTo("bp 185/125");
        assertThat(cipherWithKms(key, null).open(sealed, PhiCipher.INBOUND_BODY))
                .as("re-wrapped by the service's key: the file is not needed any more")
                .isEqualTo("bp 185/125");
    }
}
