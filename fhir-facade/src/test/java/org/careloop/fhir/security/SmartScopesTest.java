package org.careloop.fhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmartScopesTest {

    @ParameterizedTest(name = "{0}: reads Patient {1}, Communication {2}; writes Patient {3}, Communication {4}")
    @CsvSource(textBlock = """
            system/*.read,                      true,  true,  false, false
            system/*.write,                     false, false, true,  true
            system/*.*,                         true,  true,  true,  true
            system/Communication.read,          false, true,  false, false
            system/Communication.rs,            false, true,  false, false
            system/Communication.cud,           false, false, false, true
            system/Patient.cruds,               true,  false, true,  false
            patient/*.read,                     false, false, false, false
            system/patient.read,                false, false, false, false
            openid,                             false, false, false, false
            """)
    void eachScopeGrantsWhatItNamesAndNothingElse(
            String scope,
            boolean readsPatient,
            boolean readsCommunication,
            boolean writesPatient,
            boolean writesCommunication) {
        SmartScopes scopes = SmartScopes.of(List.of(scope));

        assertThat(scopes.limited()).isTrue();
        assertThat(scopes.reads("Patient")).isEqualTo(readsPatient);
        assertThat(scopes.reads("Communication")).isEqualTo(readsCommunication);
        assertThat(scopes.writes("Patient")).isEqualTo(writesPatient);
        assertThat(scopes.writes("Communication")).isEqualTo(writesCommunication);
    }

    @org.junit.jupiter.api.Test
    void aCallerWithoutATokenIsLimitedByItsRoleAlone() {
        SmartScopes unlimited = SmartScopes.unlimited();

        assertThat(unlimited.limited()).isFalse();
        assertThat(unlimited.readsAll()).isTrue();
        assertThat(unlimited.writesAll()).isTrue();
    }
}
