package org.careloop.engine.crypto;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.careloop.processes.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * Process variables that hold what a patient or a clinician wrote (the reply, the handoff's reason and note) are
 * stored sealed, in the runtime and the history tables alike: Camunda's string serializer is replaced by one that
 * seals those variables by name and opens them on reading, so models, delegates, Cockpit and the REST API see the
 * text while the database holds ciphertext. Every other string variable (ids, codes, outcomes) stays as it was, so
 * queries by value keep working. A sealed value longer than one text column continues in the second.
 */
@Component
class SealedVariables extends AbstractProcessEnginePlugin {

    static final Set<String> SEALED =
            Set.of(ProcessVariables.REPLY_BODY, ProcessVariables.HANDOFF_REASON, ProcessVariables.HANDOFF_NOTE);
    private static final int COLUMN = 4000;

    private final PhiCipher cipher;

    SealedVariables(PhiCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        VariableSerializers serializers = configuration.getVariableSerializers();
        TypedValueSerializer<?> plain =
                serializers.getSerializerByName(org.camunda.bpm.engine.variable.type.ValueType.STRING.getName());
        int index = serializers.getSerializerIndex(plain);
        serializers.removeSerializer(plain);
        serializers.addSerializer(new Serializer(cipher), index);
    }

    /** Camunda's string serializer, sealing the variables named in {@link #SEALED}. */
    static final class Serializer extends StringValueSerializer {

        private final PhiCipher cipher;

        Serializer(PhiCipher cipher) {
            this.cipher = cipher;
        }

        @Override
        public void writeValue(StringValue value, ValueFields fields) {
            if (value.getValue() == null || !SEALED.contains(fields.getName())) {
                super.writeValue(value, fields);
                return;
            }
            String sealed = cipher.seal(value.getValue(), "variable." + fields.getName());
            fields.setTextValue(sealed.length() <= COLUMN ? sealed : sealed.substring(0, COLUMN));
            fields.setTextValue2(sealed.length() <= COLUMN ? null : sealed.substring(COLUMN));
        }

        @Override
        public StringValue readValue(ValueFields fields, boolean asTransientValue) {
            String text = fields.getTextValue();
            if (text == null || !text.startsWith(PhiCipher.PREFIX)) {
                return super.readValue(fields, asTransientValue);
            }
            String sealed = fields.getTextValue2() == null ? text : text + fields.getTextValue2();
            return Variables.stringValue(cipher.open(sealed, "variable." + fields.getName()), asTransientValue);
        }
    }
}
