package org.careloop.engine.programs;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.processes.ProcessVariables;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every process instance about a patient carries the patient's display name ({@link
 * ProcessVariables#PATIENT_DISPLAY_NAME}, "Maria G."), so a person in operations sees in Cockpit whom an instance or
 * an incident concerns, not only ids. Set when any model's instance starts, whoever deployed the model: a called
 * process takes it from its caller, any other reads the patient once from the bundled FHIR server. The variable is
 * sealed at rest and, with Camunda's variable permission enforced, readable only by those who may read variables
 * (administrators), never by analysts. A patient that cannot be read leaves the instance without it: the name is
 * for people, and its absence never stops a program.
 */
@Component
class PatientDisplayNames extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(PatientDisplayNames.class);

    private final ObjectProvider<PatientDirectory> patients;

    PatientDisplayNames(ObjectProvider<PatientDirectory> patients) {
        this.patients = patients;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
        }
        ExecutionListener onStart = this::name;
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                definition.addBuiltInListener(ExecutionListener.EVENTNAME_START, onStart);
            }
        });
    }

    private void name(DelegateExecution execution) {
        if (execution.hasVariable(ProcessVariables.PATIENT_DISPLAY_NAME)) {
            return;
        }
        Object patientId = execution.getVariable(ProcessVariables.PATIENT_ID);
        if (!(patientId instanceof String id) || id.isBlank()) {
            return;
        }
        DelegateExecution caller = execution.getSuperExecution();
        Object known = caller == null ? null : caller.getVariable(ProcessVariables.PATIENT_DISPLAY_NAME);
        Optional<String> name = known instanceof String given ? Optional.of(given) : read(id);
        name.ifPresent(value -> execution.setVariable(ProcessVariables.PATIENT_DISPLAY_NAME, value));
    }

    private Optional<String> read(String patientId) {
        try {
            return patients.getObject().record(patientId).flatMap(PatientDisplayNames::displayName);
        } catch (RuntimeException e) {
            log.warn(
                    "Display name not set on a process instance: the patient could not be read ({})",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * The first given name and the family name's initial, from the official name (else the first): "Maria G.";
     * the given name alone, or the initial alone, when only one is recorded; empty when neither is.
     */
    static Optional<String> displayName(Patient patient) {
        Optional<HumanName> name = patient.getName().stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .or(() -> patient.getName().stream().findFirst());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String given = name.get().getGiven().stream()
                .map(g -> g.getValue())
                .filter(g -> g != null && !g.isBlank())
                .map(String::strip)
                .findFirst()
                .orElse("");
        String family = name.get().hasFamily() ? name.get().getFamily().strip() : "";
        String initial = family.isEmpty() ? "" : family.substring(0, family.offsetByCodePoints(0, 1)) + ".";
        String display = (given + " " + initial).strip();
        return display.isEmpty() ? Optional.empty() : Optional.of(display);
    }
}
