package org.careloop.engine.departments;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes every configured department a Camunda tenant at start (once; a renamed one is renamed), so that its staff
 * can be made members of it in Camunda's Admin app, under Tenants.
 */
@Component
@Order(-10)
class DepartmentRegistry implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DepartmentRegistry.class);

    private final Departments departments;
    private final IdentityService identity;

    DepartmentRegistry(Departments departments, IdentityService identity) {
        this.departments = departments;
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Department department : departments.all()) {
            Tenant tenant =
                    identity.createTenantQuery().tenantId(department.id()).singleResult();
            if (tenant == null) {
                tenant = identity.newTenant(department.id());
                log.info("Department {} registered as a Camunda tenant", department.id());
            }
            String name = department.name() == null ? department.id() : department.name();
            if (name.equals(tenant.getName())) {
                continue;
            }
            tenant.setName(name);
            identity.saveTenant(tenant);
        }
    }
}
