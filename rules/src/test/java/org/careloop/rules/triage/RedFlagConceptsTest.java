package org.careloop.rules.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.careloop.rules.CareRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven, per concept and language: how patients say each red flag, and what must not be read as one. */
class RedFlagConceptsTest {

    private static ReplyTriage triage;

    @BeforeAll
    static void buildRules() {
        triage = new CareRules().replyTriage();
    }

    @ParameterizedTest(name = "[{index}] {0}: \"{2}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # language | severity  | reply
            en | EMERGENCY | i have some pain in the chest
            en | EMERGENCY | I feel fine but my left arm aches and I'm sweating buckets
            en | EMERGENCY | jaw pain and clammy
            en | EMERGENCY | my chest feels squeezed
            en | EMERGENCY | I'm good, just a crushing feeling when I walk
            en | EMERGENCY | my wife has chest pressure
            en | EMERGENCY | not sure if its my heart but my chest hurts
            en | EMERGENCY | i cant breathe
            en | EMERGENCY | I'm gasping for air
            en | EMERGENCY | passed out twice today
            en | EMERGENCY | her face is drooping and she is slurring
            en | EMERGENCY | bleeding heavily from the incision
            en | EMERGENCY | he is very confused and disoriented
            en | EMERGENCY | my throat is swelling shut
            en | EMERGENCY | nothing helps the chest pain
            en | URGENT    | my heart keeps racing
            en | URGENT    | palpitations at night
            en | URGENT    | cant keep fluids down for 3 days
            en | URGENT    | i haven't peed all day
            en | URGENT    | got the chills
            en | URGENT    | the wound is oozing pus
            en | URGENT    | my calf is swollen and sore
            en | URGENT    | I had a fall last night
            en | URGENT    | im shaky and my sugar is low
            en | URGENT    | hives on my arms
            en | URGENT    | short of breath
            en | URGENT    | sob
            en | URGENT    | no relief from the pain, it is unbearable
            en | URGENT    | not dizzy but my stomach hurts
            en | URGENT    | temp 38.4
            en | URGENT    | pain is 9/10
            en | URGENT    | bp 182/96
            en | URGENT    | glucose 320
            en | URGENT    | pulse 134
            en | URGENT    | i feel off
            en | URGENT    | 🤒
            en | CRISIS    | nobody would miss me if i was gone, i want to end it all
            en | CRISIS    | i just want to die
            en | CRISIS    | I've been thinking about killing myself
            en | CRISIS    | life is hopeless
            en | CRISIS    | i want to sleep and never wake up
            es | EMERGENCY | tengo un dolor fuerte en el pecho
            es | EMERGENCY | me siento bien pero me duele el brazo izquierdo y estoy sudando frio
            es | EMERGENCY | siento opresion en el pecho
            es | EMERGENCY | mi esposa tiene dolor de pecho
            es | EMERGENCY | no puedo respirar
            es | EMERGENCY | me desmaye dos veces
            es | EMERGENCY | tiene la boca chueca y no puede hablar
            es | EMERGENCY | estoy sangrando mucho de la herida
            es | EMERGENCY | mi papa esta muy confundido
            es | EMERGENCY | se me cierra la garganta
            es | URGENT    | el corazon me late rapidisimo
            es | URGENT    | no puedo retener liquidos desde hace dias
            es | URGENT    | tengo fiebre y escalofrios
            es | URGENT    | la herida tiene pus
            es | URGENT    | me duele la pantorrilla y esta hinchada
            es | URGENT    | me cai anoche
            es | URGENT    | tengo el azucar baja y estoy temblando
            es | URGENT    | me salieron ronchas
            es | URGENT    | me falta el aire al caminar
            es | URGENT    | temperatura 38.7
            es | URGENT    | dolor 9 de 10
            es | URGENT    | estoy mareada
            es | URGENT    | ya no estoy mareado pero me duele la cabeza
            es | CRISIS    | ya no quiero vivir
            es | CRISIS    | quiero morirme
            es | CRISIS    | pienso en quitarme la vida
            es | CRISIS    | no tengo esperanza
            """)
    void redFlagsReachANurse(String language, Severity severity, String reply) {
        TriageDecision decision = triage.triage(reply, language);

        assertThat(decision.team()).as(decision.reasonText()).isEqualTo("nurse");
        assertThat(decision.severity()).as(decision.reasonText()).isEqualTo(severity);
    }

    @ParameterizedTest(name = "[{index}] {0}: \"{2}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # language | action   | reply
            en | CONTINUE | no chest pain
            en | CONTINUE | denies fever
            en | CONTINUE | not dizzy anymore
            en | CONTINUE | the swelling in my legs went down
            en | CONTINUE | no headache today, feeling great
            en | CONTINUE | blood pressure was normal
            en | CONTINUE | sugar was 110 this morning, all good
            en | CONTINUE | my arm is fine now
            en | CONTINUE | eating well and sleeping well
            en | CONTINUE | good appetite
            en | CONTINUE | doing fine, no problems at all
            en | CONTINUE | k thx
            en | ROUTINE  | I can't fall asleep before midnight, is that normal?
            en | ROUTINE  | when do I see the doctor again?
            en | ROUTINE  | agent
            es | CONTINUE | no tengo fiebre
            es | CONTINUE | sin dolor
            es | CONTINUE | ya no me duele el pecho
            es | CONTINUE | me siento muy bien
            es | CONTINUE | todo bien, gracias
            es | ROUTINE  | cuando es mi cita?
            es | ROUTINE  | quiero hablar con alguien, una persona
            """)
    void denialsAndEverydayRepliesStayOutOfTheNurseQueue(String language, TriageAction action, String reply) {
        TriageDecision decision = triage.triage(reply, language);

        assertThat(decision.action()).as(decision.reasonText()).isEqualTo(action);
        assertThat(decision.team()).as(decision.reasonText()).isNotEqualTo("nurse");
    }
}
