package org.careloop.engine.crypto;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Key management for administrators, while the system runs: rotate the data keys (a new primary key, then a pass
 * that moves every sealed value to it), re-wrap the data keys with a new key-encryption key, and see where a pass is.
 */
@RestController
class EncryptionController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EncryptionController.class);

    private final PhiCipher cipher;
    private final Reencryption reencryption;

    EncryptionController(PhiCipher cipher, Reencryption reencryption) {
        this.cipher = cipher;
        this.reencryption = reencryption;
    }

    @GetMapping("/api/admin/encryption")
    Map<String, Object> status() {
        Reencryption.Progress progress = reencryption.progress();
        return Map.of(
                "keys", cipher.keys(),
                "reencrypting", progress.running(),
                "examined", progress.examined(),
                "resealed", progress.resealed());
    }

    @PostMapping("/api/admin/encryption/rotate")
    ResponseEntity<Map<String, Object>> rotate(Authentication admin) {
        if (reencryption.progress().running()) {
            return ResponseEntity.status(409).body(Map.of("error", "A re-encryption pass is still running"));
        }
        int primary = cipher.rotate();
        reencryption.start();
        log.info("Data keys rotated by {}; re-encryption started", admin.getName());
        return ResponseEntity.accepted().body(Map.of("primaryKey", primary, "keys", cipher.keys()));
    }

    @PostMapping("/api/admin/encryption/rewrap")
    ResponseEntity<Map<String, Object>> rewrap(Authentication admin) {
        try {
            cipher.rewrap();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
        }
        log.info("Data keys re-wrapped by {}", admin.getName());
        return ResponseEntity.ok(Map.of("keys", cipher.keys()));
    }
}
