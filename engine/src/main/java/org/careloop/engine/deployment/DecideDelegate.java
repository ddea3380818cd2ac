package org.careloop.engine.deployment;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.processes.ProcessBeans;
import org.careloop.rules.decisions.LiveDecision;
import org.careloop.rules.decisions.LiveModel;
import org.springframework.stereotype.Component;

/**
 * A BPMN step that takes one of CareLoop's DMN decisions (Drools, at the version deployed now): the step names the
 * decision in its input parameter {@code decision}; the process variables are the decision's inputs; each output of
 * the matched rule becomes a process variable of that name. A decision that fails or matches no rule fails the step
 * (an incident a person sees in Cockpit), never a guess.
 */
@Component(ProcessBeans.DECIDE)
class DecideDelegate implements JavaDelegate {

    static final String DECISION = "decision";

    private final Map<String, LiveDecision> decisions;

    DecideDelegate(List<LiveModel> models) {
        this.decisions = models.stream()
                .filter(LiveDecision.class::isInstance)
                .map(LiveDecision.class::cast)
                .collect(Collectors.toMap(LiveModel::decisionId, d -> d));
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object named = execution.getVariableLocal(DECISION);
        LiveDecision decision = named == null ? null : decisions.get(named.toString());
        if (decision == null) {
            throw new IllegalStateException("The step names no DMN decision of CareLoop's (input parameter '" + DECISION
                    + "'): one of " + decisions.keySet());
        }
        decision.decide(execution.getVariables()).forEach((name, value) -> {
            if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                execution.setVariable(name, value);
            } else {
                execution.setVariable(name, value.toString());
            }
        });
    }
}
