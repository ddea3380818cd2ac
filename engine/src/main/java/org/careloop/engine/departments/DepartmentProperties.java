package org.careloop.engine.departments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The departments one CareLoop serves side by side ({@code careloop.departments.*}). Each is a Camunda tenant: its
 * patients' programs and handoffs carry its id, and its staff (tenant members) see only its work. A patient belongs
 * to the department that lists the Organization managing the patient's record ({@code Patient.managingOrganization});
 * every other patient to the default department.
 *
 * <pre>
 * careloop:
 *   departments:
 *     default-department: main
 *     list:
 *       cardiology:
 *         name: Springfield Heart Center
 *         help-line: (555) 010-0200
 *         organizations: [heart-center]
 *         senders: ["+16175550200", "+16175550201"]
 * </pre>
 */
@ConfigurationProperties("careloop.departments")
public class DepartmentProperties {

    /** The department of patients whose managing Organization no department lists. */
    private String defaultDepartment = "main";

    private Map<String, Settings> list = new LinkedHashMap<>();

    /** One department's settings; what is left unset comes from {@code careloop.outreach}. */
    public static class Settings {
        /** How messages name the sender ({@code {organisation}} in templates). */
        private String name;
        /** The number at which its patients reach a person ({@code {helpLine}} in templates). */
        private String helpLine;
        /** The FHIR Organization ids whose patients it serves. */
        private List<String> organizations = List.of();
        /** Stricter sending hours than {@code careloop.outreach}'s, in the patient's local time: HH:mm. */
        private String sendFrom;

        private String sendUntil;
        /** The number its patients' messages come from (E.164); the provider's default sender when unset. */
        private String sender;
        /**
         * A pool of numbers its patients' messages come from (E.164), instead of one {@code sender}: a campaign is
         * spread over them, each within the carrier's rate per number, and each patient keeps hearing from one.
         */
        private List<String> senders = List.of();

        public List<String> getSenders() {
            return senders;
        }

        public void setSenders(List<String> senders) {
            this.senders = senders;
        }

        public String getSender() {
            return sender;
        }

        public void setSender(String sender) {
            this.sender = sender;
        }

        public String getSendFrom() {
            return sendFrom;
        }

        public void setSendFrom(String sendFrom) {
            this.sendFrom = sendFrom;
        }

        public String getSendUntil() {
            return sendUntil;
        }

        public void setSendUntil(String sendUntil) {
            this.sendUntil = sendUntil;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getHelpLine() {
            return helpLine;
        }

        public void setHelpLine(String helpLine) {
            this.helpLine = helpLine;
        }

        public List<String> getOrganizations() {
            return organizations;
        }

        public void setOrganizations(List<String> organizations) {
            this.organizations = organizations;
        }
    }

    public String getDefaultDepartment() {
        return defaultDepartment;
    }

    public void setDefaultDepartment(String defaultDepartment) {
        this.defaultDepartment = defaultDepartment;
    }

    public Map<String, Settings> getList() {
        return list;
    }

    public void setList(Map<String, Settings> list) {
        this.list = list;
    }
}
