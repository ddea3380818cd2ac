package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.careloop.engine.crypto.PhiCipher;
import org.careloop.processes.ProcessVariables;
import org.junit.jupiter.api.Test;

/**
 * Cockpit names the patient an instance is about ("María G.", no more), to those who may read process variables:
 * a program's instance, its conversation and the handoff it called all carry it; an analyst, who reads instances but
 * not variables, never sees it; the database holds it sealed.
 */
class CockpitPatientNamesH2IT extends BrowserStackTest {

    @Test
    void anAdministratorSeesInCockpitWhichPatientAnInstanceIsAboutAndAnAnalystDoesNot() {
        String taskId = handoff("I have chest pain", p -> {
            p.getNameFirstRep().setFamily("Ortega Ruiz").getGiven().get(0).setValue("María");
            p.getNameFirstRep().addGiven("Luisa");
        });
        var task = tasks.createTaskQuery().taskId(taskId).singleResult();
        String handoffInstance = task.getProcessInstanceId();
        String patientId = (String) runtime.getVariable(handoffInstance, ProcessVariables.PATIENT_ID);
        var program = runtime.createProcessInstanceQuery()
                .processDefinitionKey("program-post-discharge")
                .variableValueEquals(ProcessVariables.PATIENT_ID, patientId)
                .singleResult();

        assertThat(runtime.getVariableLocal(program.getId(), ProcessVariables.PATIENT_DISPLAY_NAME))
                .isEqualTo("María O.");
        assertThat(runtime.getVariableLocal(handoffInstance, ProcessVariables.PATIENT_DISPLAY_NAME))
                .as("the called handoff takes it from its caller")
                .isEqualTo("María O.");

        // Cockpit, in a browser: the handoff instance's variables name the patient
        Page page = browser.signedIn("admin");
        page.navigate(
                "/camunda/app/cockpit/default/#/process-instance/" + handoffInstance + "/runtime?tab=variables-tab");
        page.getByText("María O.").first().waitFor();
        assertThat(page.locator("body").innerText()).contains(ProcessVariables.PATIENT_DISPLAY_NAME);
        page.context().close();

        // an analyst reads the instance, not the name
        assertThat(get("/engine-rest/process-instance/" + handoffInstance, "analyst")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/engine-rest/variable-instance?processInstanceIdIn=" + handoffInstance, "analyst")
                        .body())
                .doesNotContain("María")
                .isEqualTo("[]");
        assertThat(get("/engine-rest/process-instance/" + handoffInstance + "/variables", "admin")
                        .body())
                .contains("María O.");

        // sealed in the runtime and the history tables
        assertThat(engineDb.queryForList(
                        "select TEXT_ from ACT_RU_VARIABLE where NAME_ = ? and PROC_INST_ID_ = ?",
                        String.class,
                        ProcessVariables.PATIENT_DISPLAY_NAME,
                        handoffInstance))
                .singleElement()
                .satisfies(text -> assertThat(text).startsWith(PhiCipher.PREFIX).doesNotContain("Mar"));
        assertThat(engineDb.queryForList(
                        "select TEXT_ from ACT_HI_VARINST where NAME_ = ? and PROC_INST_ID_ = ?",
                        String.class,
                        ProcessVariables.PATIENT_DISPLAY_NAME,
                        program.getId()))
                .singleElement()
                .satisfies(text -> assertThat(text).startsWith(PhiCipher.PREFIX));
    }
}
