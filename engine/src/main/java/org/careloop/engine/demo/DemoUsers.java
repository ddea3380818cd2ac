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

/** Demo profile only: the care team, an analyst, an administrator and the EHR's API client. */
@Component
@Profile("demo")
@Order(0)
class DemoUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    static final Map<String, List<String>> USERS = Map.of(
            "nurse", List.of(Groups.NURSE),
            "coordinator", List.of(Groups.CARE_COORDINATOR),
            "pharmacist", List.of(Groups.PHARMACIST),
            "scheduler", List.of(Groups.SCHEDULER),
            "analyst", List.of(Groups.ANALYST),
            "admin", List.of(Groups.ADMIN, Groups.CAMUNDA_ADMIN),
            "ehr", List.of(Groups.EHR_CLIENT));

    private final IdentityService identity;
    private final String password;

    DemoUsers(IdentityService identity, @Value("${careloop.demo.password:demo}") String password) {
        this.identity = identity;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String group : List.of(
                Groups.NURSE,
                Groups.CARE_COORDINATOR,
                Groups.PHARMACIST,
                Groups.SCHEDULER,
                Groups.ANALYST,
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
        });
        log.info(
                "Demo profile: users nurse, coordinator, pharmacist, scheduler, analyst, admin and API client ehr sign in with the "
                        + "password set by careloop.demo.password{}",
                "demo".equals(password) ? " (default: demo)" : "");
    }
}
