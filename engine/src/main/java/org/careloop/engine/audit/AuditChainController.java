package org.careloop.engine.audit;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail's check for scripts ({@code bin/verify-audit-trail.sh}): 200 and {@code intact: true}, or 409 and
 * the problems found. Auditors only.
 */
@RestController
class AuditChainController {

    private final AuditChain chain;

    AuditChainController(AuditChain chain) {
        this.chain = chain;
    }

    @PostMapping("/api/audit/verify")
    ResponseEntity<AuditChain.Verification> verify() {
        AuditChain.Verification verification = chain.verify();
        return ResponseEntity.status(verification.intact() ? 200 : 409).body(verification);
    }
}
