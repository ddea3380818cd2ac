package org.careloop.engine.caregaps;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/care-gaps/sweep} (administrators) starts the population sweep now, in the background (202); one
 * sweep runs at a time on a node (409 while one runs).
 */
@RestController
class CareGapController {

    private final CareGaps gaps;

    CareGapController(CareGaps gaps) {
        this.gaps = gaps;
    }

    @PostMapping(path = "/api/care-gaps/sweep", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> sweep() {
        return gaps.startSweep()
                ? ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("message", "Care-gap sweep started"))
                : ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", "A sweep is already running"));
    }
}
