package org.careloop.engine.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/programs}: the {@link ProgramCatalog} as JSON, for administrators and analysts. */
@RestController
class ProgramCatalogController {

    private final ProgramCatalog catalog;

    ProgramCatalogController(ProgramCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/api/programs", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> catalog() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programs", catalog.programs());
        body.put("decisions", catalog.decisions());
        return body;
    }
}
