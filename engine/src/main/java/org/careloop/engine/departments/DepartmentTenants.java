package org.careloop.engine.departments;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.processes.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * Puts every program in its patient's department: the process models are shared by all departments, and each
 * instance takes the tenant id of its patient's department (a called process, its caller's). Handoff tasks inherit
 * it, so Camunda's tenant check and the task list keep one department's work from another's staff.
 */
@Component
class DepartmentTenants extends AbstractProcessEnginePlugin implements TenantIdProvider {

    private final Departments departments;
    private final PatientDirectory patients;

    DepartmentTenants(Departments departments, PatientDirectory patients) {
        this.departments = departments;
        this.patients = patients;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(this);
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
        if (context.getSuperExecution() != null) {
            return context.getSuperExecution().getTenantId();
        }
        Object patientId =
                context.getVariables() == null ? null : context.getVariables().get(ProcessVariables.PATIENT_ID);
        return departments
                .of(patientId instanceof String id ? patients.find(id).orElse(null) : null)
                .id();
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
        return departments.byDefault().id();
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
        return context.getExecution() == null ? null : context.getExecution().getTenantId();
    }
}
