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
 */
@ConfigurationProperties("careloop.crypto")
public record CryptoProperties(String kekFile, String previousKekFile) {}
