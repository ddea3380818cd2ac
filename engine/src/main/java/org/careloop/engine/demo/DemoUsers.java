package org.careloop.engine.demo;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.careloop.engine.security.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Demo profile only: the care team, an analyst, a clinical reviewer, an administrator and the EHR's API client. */
@Component
@Profile("demo")
@Order(0)
class DemoUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    /** A nurse of the demo's second department: she sees its patients' handoffs, and only those. */
    static final String HEART_NURSE = "heart-nurse";
    /** The demo's second department, when configured (application-demo.yml). */
    static final String HEART_DEPARTMENT = "cardiology";

    static final Map<String, List<String>> USERS = Map.ofEntries(
            Map.entry("nurse", List.of(Groups.NURSE)),
            Map.entry("nurse2", List.of(Groups.NURSE)),
            Map.entry("coordinator", List.of(Groups.CARE_COORDINATOR)),
            Map.entry("pharmacist", List.of(Groups.PHARMACIST)),
            Map.entry("scheduler", List.of(Groups.SCHEDULER)),
            Map.entry("frontdesk", List.of(Groups.FRONT_DESK)),
            Map.entry("analyst", List.of(Groups.ANALYST)),
            Map.entry("reviewer", List.of(Groups.CLINICAL_REVIEWER)),
            Map.entry("admin", List.of(Groups.ADMIN, Groups.CAMUNDA_ADMIN)),
            Map.entry("ehr", List.of(Groups.EHR_CLIENT)),
            Map.entry(HEART_NURSE, List.of(Groups.NURSE)),
            Map.entry("auditor", List.of(Groups.AUDITOR)));

    private final IdentityService identity;
    private final String password;
    private final org.careloop.engine.departments.Departments departments;

    DemoUsers(
            IdentityService identity,
            @Value("${careloop.demo.password:demo}") String password,
            org.careloop.engine.departments.Departments departments) {
        this.identity = identity;
        this.departments = departments;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String group : List.of(
                Groups.NURSE,
                Groups.CARE_COORDINATOR,
                Groups.PHARMACIST,
                Groups.SCHEDULER,
                Groups.FRONT_DESK,
                Groups.ANALYST,
                Groups.CLINICAL_REVIEWER,
                Groups.AUDITOR,
                Groups.ADMIN,
                Groups.CAMUNDA_ADMIN,
                Groups.EHR_CLIENT)) {
            if (identity.createGroupQuery().groupId(group).count() == 0) {
                Group g = identity.newGroup(group);
                g.setName(group);
                g.setType(Groups.CAMUNDA_ADMIN.equals(group) ? "SYSTEM" : "WORKFLOW");
                identity.saveGroup(g);
            }
        }
        USERS.forEach((id, groups) -> {
            User user = identity.createUserQuery().userId(id).singleResult();
            if (user == null) {
                user = identity.newUser(id);
                user.setFirstName(id);
                user.setLastName("(demo)");
            }
            user.setPassword(password);
            identity.saveUser(user);
            for (String group : groups) {
                if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                    identity.createMembership(id, group);
                }
            }
            // the heart nurse works for her department; the administrator for all; everyone else for the default one
            List<String> worksFor = "admin".equals(id)
                    ? departments.all().stream()
                            .map(org.careloop.engine.departments.Department::id)
                            .toList()
                    : List.of(
                            HEART_NURSE.equals(id)
                                    ? departments
                                            .byId(HEART_DEPARTMENT)
                                            .orElse(departments.byDefault())
                                            .id()
                                    : departments.byDefault().id());
            for (String department : worksFor) {
                if (identity.createTenantQuery()
                                .tenantId(department)
                                .userMember(id)
                                .count()
                        == 0) {
                    identity.createTenantUserMembership(department, id);
                }
            }
        });
        log.info(
                "Demo profile: users nurse, nurse2, heart-nurse, coordinator, pharmacist, scheduler, frontdesk, analyst, reviewer (clinical reviewer), auditor, admin and API client ehr "
                        + "sign in with the "
                        + "password set by careloop.demo.password{}",
                "demo".equals(password) ? " (default: demo)" : "");
    }
}
