package org.careloop.engine.crypto;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * A node unwraps the data keys when it starts, not at its first message: a node whose key-encryption key does not fit
 * the database refuses to start, with the reason, instead of failing every send and reply after it has started. Then
 * it seals and indexes the contacts that rows written before contacts were sealed hold in plain text.
 */
@Component
class KeysAtStart implements ApplicationRunner {

    private final PhiCipher cipher;
    private final ContactIndexUpgrade contacts;

    KeysAtStart(PhiCipher cipher, ContactIndexUpgrade contacts) {
        this.cipher = cipher;
        this.contacts = contacts;
    }

    @Override
    public void run(ApplicationArguments args) {
        cipher.reload();
        contacts.run();
    }
}
