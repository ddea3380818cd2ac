package org.careloop.engine.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Encryption of patients' information at rest.
 *
 * @param kekFile         the key-encryption key: a Tink keyset (JSON) in a file outside the database, readable by
 *                        CareLoop only (a mounted secret). Without one, a key is made at start and held in memory:
 *                        fine for the demo's in-memory databases, and refused once the database holds data keys
 *                        wrapped by another key
 * @param previousKekFile the key-encryption key before the current one, while a re-wrap is pending
 * @param kekUri          instead of a file, a key held by a key management service, named by its Tink key URI (e.g.
 *                        {@code aws-kms://arn:aws:kms:…}, {@code gcp-kms://projects/…}); the data keys are wrapped
 *                        and unwrapped by the service, and the key never leaves it. A Tink {@code KmsClient} for the
 *                        URI must be registered: any {@code KmsClient} bean is, at start ({@link KmsRegistration})
 * @param previousKekUri  the KMS key before the current one, while a re-wrap is pending
 */
@ConfigurationProperties("careloop.crypto")
public record CryptoProperties(String kekFile, String previousKekFile, String kekUri, String previousKekUri) {

    /** The constructor the settings bind to. */
    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public CryptoProperties {}

    /** Keys from files only. */
    public CryptoProperties(String kekFile, String previousKekFile) {
        this(kekFile, previousKekFile, null, null);
    }
}
