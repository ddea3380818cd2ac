package org.careloop.engine.crypto;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * A node unwraps the data keys when it starts, not at its first message: a node whose key-encryption key does not fit
 * the database refuses to start, with the reason, instead of failing every send and reply after it has started.
 */
@Component
class KeysAtStart implements ApplicationRunner {

    private final PhiCipher cipher;

    KeysAtStart(PhiCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void run(ApplicationArguments args) {
        cipher.reload();
    }
}
