package org.careloop.engine.departments;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.careloop.engine.fhir.PatientSummary;
import org.springframework.stereotype.Service;

/** Which department a patient belongs to, and its settings. Staff work for the departments (tenants) they are members of. */
@Service
public class Departments {

    private final Map<String, Department> byId = new LinkedHashMap<>();
    private final Map<String, String> byOrganization = new LinkedHashMap<>();
    private final Department fallback;

    Departments(DepartmentProperties properties) {
        properties.getList().forEach((id, settings) -> {
            SendingWindow hours = settings.getSendFrom() == null && settings.getSendUntil() == null
                    ? null
                    : SendingWindow.of(
                            settings.getSendFrom() == null ? "00:00" : settings.getSendFrom(),
                            settings.getSendUntil() == null ? "24:00" : settings.getSendUntil());
            java.util.List<String> senders = !settings.getSenders().isEmpty()
                    ? settings.getSenders()
                    : settings.getSender() == null ? java.util.List.of() : java.util.List.of(settings.getSender());
            byId.put(id, new Department(id, settings.getName(), settings.getHelpLine(), hours, senders));
            for (String organization : settings.getOrganizations()) {
                String earlier = byOrganization.putIfAbsent(organization, id);
                if (earlier != null) {
                    throw new IllegalStateException(
                            "Organization " + organization + " is listed by departments " + earlier + " and " + id);
                }
            }
        });
        String defaultId = properties.getDefaultDepartment();
        this.fallback =
                byId.computeIfAbsent(defaultId, id -> new Department(id, null, null, null, java.util.List.of()));
    }

    /** Every department; the default one last when it was not configured. */
    public Collection<Department> all() {
        return byId.values();
    }

    public Department byDefault() {
        return fallback;
    }

    public Optional<Department> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The department of the Organization that manages the patient's record, or the default one. */
    public Department of(PatientSummary patient) {
        return patient == null || patient.organization() == null
                ? fallback
                : byId.getOrDefault(byOrganization.get(patient.organization()), fallback);
    }
}
