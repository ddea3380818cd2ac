package org.careloop.engine.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Camunda authorization is on; these are the grants each role gets, ensured at every start (idempotently, and
 * safely when several nodes start at once). {@code admin} and {@code camunda-admin} are Camunda admin groups.
 * {@code analyst} reads definitions, instances and history in Cockpit and over REST, and nothing more: no
 * deployment, no change to an instance, no history deletion, no identity management. The care team works in
 * CareLoop's task list and gets nothing in Camunda's own applications; {@code ehr-client} gets nothing at all.
 */
@Component
@Order(-10)
class CamundaAuthorizations implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CamundaAuthorizations.class);

    record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {}

    static final List<Grant> GRANTS = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(
                            new Grant(Groups.ANALYST, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
                            new Grant(
                                    Groups.ANALYST,
                                    Resources.PROCESS_DEFINITION,
                                    "*",
                                    List.of(
                                            ProcessDefinitionPermissions.READ,
                                            ProcessDefinitionPermissions.READ_HISTORY,
                                            ProcessDefinitionPermissions.READ_INSTANCE,
                                            ProcessDefinitionPermissions.READ_TASK)),
                            new Grant(
                                    Groups.ANALYST,
                                    Resources.PROCESS_INSTANCE,
                                    "*",
                                    List.of(ProcessInstancePermissions.READ)),
                            new Grant(Groups.ANALYST, Resources.TASK, "*", List.of(TaskPermissions.READ)),
                            new Grant(
                                    Groups.ANALYST,
                                    Resources.DECISION_DEFINITION,
                                    "*",
                                    List.of(Permissions.READ, Permissions.READ_HISTORY)),
                            new Grant(
                                    Groups.ANALYST,
                                    Resources.DECISION_REQUIREMENTS_DEFINITION,
                                    "*",
                                    List.of(Permissions.READ)),
                            new Grant(Groups.ANALYST, Resources.DEPLOYMENT, "*", List.of(Permissions.READ))),
                    // administrators: everything, as Camunda's own first-admin set-up grants its admin group
                    java.util.stream.Stream.of(Groups.ADMIN, Groups.CAMUNDA_ADMIN)
                            .flatMap(group -> java.util.Arrays.stream(Resources.values())
                                    .map(resource -> new Grant(group, resource, "*", List.of(Permissions.ALL)))))
            .toList();

    private final AuthorizationService authorizations;

    CamundaAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Grant grant : GRANTS) {
            try {
                ensure(grant);
            } catch (RuntimeException e) {
                // another node created it at the same moment: the unique constraint kept one
                log.debug(
                        "Grant {} {} {} already being created elsewhere",
                        grant.group(),
                        grant.resource().resourceName(),
                        grant.resourceId());
            }
        }
        log.info("Camunda authorization grants checked for {} role grants", GRANTS.size());
    }

    private void ensure(Grant grant) {
        Authorization existing = authorizations
                .createAuthorizationQuery()
                .groupIdIn(grant.group())
                .resourceType(grant.resource())
                .resourceId(grant.resourceId())
                .singleResult();
        Authorization authorization = existing;
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(grant.group());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        }
        boolean changed = existing == null;
        for (Permission permission : grant.permissions()) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
    }
}
