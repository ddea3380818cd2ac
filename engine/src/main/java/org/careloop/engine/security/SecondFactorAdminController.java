package org.careloop.engine.security;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * An administrator resets a user's second factor (a lost phone): at the next sign-in the user sets one up again.
 * {@code DELETE /api/users/{id}/second-factor}, administrators only; recorded in the log with who did it.
 */
@RestController
class SecondFactorAdminController {

    private static final Logger log = LoggerFactory.getLogger(SecondFactorAdminController.class);

    private final SecondFactor secondFactor;
    private final IdentityService identity;

    SecondFactorAdminController(SecondFactor secondFactor, IdentityService identity) {
        this.secondFactor = secondFactor;
        this.identity = identity;
    }

    @DeleteMapping("/api/users/{user}/second-factor")
    ResponseEntity<Void> reset(@PathVariable String user, Authentication admin) {
        if (!user.matches("[A-Za-z0-9._@-]{1,64}")
                || identity.createUserQuery().userId(user).count() == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such user");
        }
        secondFactor.reset(user);
        log.info("Second factor of user {} reset by {}", user, admin.getName());
        return ResponseEntity.noContent().build();
    }
}
