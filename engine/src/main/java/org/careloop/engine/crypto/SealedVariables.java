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
 * Process variables that hold what a patient or a clinician wrote (the reply, the handoff's reason and note), and the
 * patient's display name, are stored sealed, in the runtime and the history tables alike: Camunda's string serializer
 * is replaced by one that seals those variables by name and opens them on reading, so models, delegates, Cockpit and
 * the REST API see the text while the database holds ciphertext. Every other string variable (ids, codes, outcomes) stays as it was, so
 * queries by value keep working. A sealed value longer than one text column continues in the second.
 */
@Component
class SealedVariables extends AbstractProcessEnginePlugin {

    static final Set<String> SEALED = Set.of(
            ProcessVariables.REPLY_BODY,
            ProcessVariables.HANDOFF_REASON,
            ProcessVariables.HANDOFF_NOTE,
            ProcessVariables.PATIENT_DISPLAY_NAME);
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

    /** The associated data a sealed variable is bound to. */
    static String column(String variable) {
        return "variable." + variable;
    }

    /** A sealed value in Camunda's two text columns: the first 4,000 characters, and the rest (or null). */
    static String[] columns(String sealed) {
        return sealed.length() <= COLUMN
                ? new String[] {sealed, null}
                : new String[] {sealed.substring(0, COLUMN), sealed.substring(COLUMN)};
    }

    /** The sealed value back from the two text columns. */
    static String joined(String text, String text2) {
        return text2 == null ? text : text + text2;
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
            String[] columns = columns(cipher.seal(value.getValue(), column(fields.getName())));
            fields.setTextValue(columns[0]);
            fields.setTextValue2(columns[1]);
        }

        @Override
        public StringValue readValue(ValueFields fields, boolean asTransientValue) {
            String text = fields.getTextValue();
            if (text == null || !text.startsWith(PhiCipher.PREFIX)) {
                return super.readValue(fields, asTransientValue);
            }
            return Variables.stringValue(
                    cipher.open(joined(text, fields.getTextValue2()), column(fields.getName())), asTransientValue);
        }
    }
}
