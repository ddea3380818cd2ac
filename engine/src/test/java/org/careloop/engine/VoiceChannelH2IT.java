package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.careloop.engine.crypto.PhiCipher;
import org.careloop.forms.simulator.PhoneSimulator;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The voice channel end to end: an appointment reminder for a patient with only a home phone (a landline, which
 * takes no texts) is an automated call in the Twilio dialect; the simulated phone answers, the signed TwiML webhook
 * speaks the approved voice script in the patient's language, and the keys pressed are the patient's answers: 1
 * confirms the Appointment in FHIR, 0 puts the call through to the help line and asks the care team to follow up, 8
 * records in the consent vault that the patient wants no more calls. A post-discharge check-in reaches a landline
 * patient the same way, and 2 (not feeling well) brings a nurse.
 */
class VoiceChannelH2IT extends H2StackTest {

    @Autowired
    PhoneSimulator phones;

    /** What the phone heard and pressed, oldest first, once the call waits for a key. */
    private List<String> awaitCallWaitingForAKey(String phone) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> phones.phones().stream()
                        .anyMatch(p -> p.number().equals(phone) && !p.keys().isEmpty()));
        return heard(phone);
    }

    private List<String> heard(String phone) {
        return phones.phones().stream()
                .filter(p -> p.number().equals(phone))
                .flatMap(p -> p.texts().stream())
                .map(PhoneSimulator.Text::body)
                .toList();
    }

    private Map<String, Object> reminder(Booking booking) {
        return engineDb.queryForMap(
                "select channel, status, from_number, body from outbound_message where patient_id = ? "
                        + "and template_id = 'appointment-reminder'",
                booking.patientId());
    }

    @Test
    void aLandlinePatientIsCalledInSpanishAndPressingOneConfirmsTheAppointment() {
        Booking booking = landlinePatientBooked("es");

        List<String> heard = awaitCallWaitingForAKey(booking.phone());

        assertThat(reminder(booking)).containsEntry("CHANNEL", "voice");
        assertThat(heard)
                .anySatisfy(said -> assertThat(said)
                        .startsWith("Call (es-MX): Esta es una llamada automática de Springfield General")
                        .contains("Tiene una cita el")
                        .contains("oprima 1"));
        assertThat(phones.press(booking.phone(), "1")).isTrue();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> appointment(booking.appointmentId())
                                .getParticipantFirstRep()
                                .getStatus()
                        == Appointment.ParticipationStatus.ACCEPTED);
        assertThat(heard(booking.phone()))
                .contains("Pressed 1")
                .contains("Call (es-MX): Gracias, recibimos su respuesta. Adiós.");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "DELIVERED".equals(reminder(booking).get("STATUS")));
        assertThat(phones.press(booking.phone(), "1")).as("the call has ended").isFalse();
        assertThat(engineDb
                        .queryForList(
                                "select channel, body from inbound_message where patient_id = ?", booking.patientId())
                        .stream()
                        .filter(row -> "C"
                                .equals(cipher.open(
                                        (String) row.get("body"), org.careloop.engine.crypto.PhiCipher.INBOUND_BODY)))
                        .map(row -> row.get("channel")))
                .containsExactly("voice");
    }

    @Test
    void aLandlinePatientIsCalledForTheirCheckInAfterDischargeAndPressingTwoBringsANurse() {
        Landline patient = landlinePatient("en");
        firstCheckIn(enrolByDischarge(patient.patientId(), "post-discharge"));

        List<String> heard = awaitCallWaitingForAKey(patient.phone());

        assertThat(engineDb.queryForObject(
                        "select channel from outbound_message where patient_id = ?"
                                + " and template_id = 'post-discharge-checkin-1'",
                        String.class,
                        patient.patientId()))
                .isEqualTo("voice");
        assertThat(heard)
                .anySatisfy(said -> assertThat(said)
                        .startsWith("Call (en-US): This is an automated call from Springfield General, checking in")
                        .contains("If this is an emergency, hang up and call 911.")
                        .contains("If you are not feeling well, press 2."));
        assertThat(phones.press(patient.phone(), "2")).isTrue();

        // the rules read "feeling worse" as they would in a text: a nurse, urgently
        var task = awaitTask(patient.patientId(), "nurse");
        assertThat(task.getPriority()).isGreaterThanOrEqualTo(80);
        assertThat(heard(patient.phone()))
                .contains(
                        "Pressed 2",
                        "Call (en-US): Thank you for telling us. A nurse will call you soon. If you feel worse or it is"
                                + " an emergency, hang up and call 911. Goodbye.");
        // the program's written answer has no way to a landline: recorded as heard on the call, not as a bad contact
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> engineDb.queryForList(
                                "select o.status_detail from outbound_message o join inbound_message i "
                                        + "on i.id = o.in_response_to where i.patient_id = ? and o.status = 'SUPPRESSED'",
                                String.class,
                                patient.patientId()),
                        details -> details.size() == 1
                                && details.get(0).startsWith("Answered on the call; not written: "));
    }

    @Test
    void aLandlinePatientWithHypertensionEntersTheirBloodPressureOnTheKeypadAndAnAlarmingOneBringsANurse() {
        Landline patient = landlinePatient("en");
        chronicCondition(patient.patientId(), "38341003", "Hypertension");

        List<String> heard = awaitCallWaitingForAKey(patient.phone());

        assertThat(heard)
                .anySatisfy(said -> assertThat(said)
                        .startsWith("Call (en-US): This is an automated call from Springfield General for your blood "
                                + "pressure check-in.")
                        .contains("press 1 3 0, star, 8 0, and then pound"));
        assertThat(phones.phones().stream()
                        .filter(p -> p.number().equals(patient.phone()))
                        .findFirst()
                        .orElseThrow()
                        .entry())
                .as("the call waits for an entry ended by #, not one key")
                .isTrue();
        assertThat(phones.press(patient.phone(), "185*125")).isTrue();

        var task = awaitTask(patient.patientId(), "nurse");
        assertThat((String) tasks.getVariable(task.getId(), "handoffReason")).contains("185/125");
        assertThat(heard(patient.phone()))
                .contains(
                        "Pressed 185*125#",
                        "Call (en-US): Thank you. This reading needs attention: a nurse will call you soon. If you "
                                + "feel unwell, hang up and call 911 now. Goodbye.");
    }

    @Test
    void pressingZeroPutsTheCallThroughToTheHelpLineAndASchedulerFollowsUp() {
        Booking booking = landlinePatientBooked("en");
        awaitCallWaitingForAKey(booking.phone());

        phones.press(booking.phone(), "0");

        // the appointment program's rules give a request for a person to a scheduler
        awaitTask(booking.patientId(), "scheduler");
        assertThat(heard(booking.phone()))
                .contains("Call put through to +16175550111")
                .anySatisfy(said -> assertThat(said).startsWith("Call (en-US): Connecting you to a person"));
    }

    @Test
    void pressingEightRecordsThatThePatientWantsNoMoreCallsAndTheNextReminderIsNotACall() {
        Booking booking = landlinePatientBooked("en");
        awaitCallWaitingForAKey(booking.phone());

        phones.press(booking.phone(), "8");

        Map<String, Object> revoked = engineDb.queryForMap(
                "select channel, decision, source, contact from consent_record where patient_id = ? "
                        + "order by id desc fetch first 1 rows only",
                booking.patientId());
        assertThat(revoked)
                .containsEntry("CHANNEL", "voice")
                .containsEntry("DECISION", "deny")
                .containsEntry("SOURCE", "keypad");
        assertThat((String) revoked.get("CONTACT")).as("sealed").startsWith(PhiCipher.PREFIX);
        assertThat(cipher.open((String) revoked.get("CONTACT"), PhiCipher.CONSENT_CONTACT))
                .isEqualTo(booking.phone());
        assertThat(heard(booking.phone()))
                .anySatisfy(said -> assertThat(said).contains("You will get no more automated calls"));

        // the patient's next appointment: no call, and no text either (a landline): a person updates the contact
        Booking next = new Booking(booking.patientId(), booking.phone(), null);
        Appointment appointment = new Appointment();
        Instant start = ClockUtil.now().toInstant().plus(Duration.ofHours(60)).truncatedTo(ChronoUnit.MINUTES);
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(start));
        appointment.setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
        appointment.addParticipant().setActor(new Reference("Patient/" + next.patientId()));
        fhirAs("ehr").create().resource(appointment).execute();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message where patient_id = ? "
                                        + "and template_id = 'appointment-reminder'",
                                Integer.class,
                                booking.patientId())
                        == 2);
        assertThat(engineDb.queryForList(
                        "select status from outbound_message where patient_id = ? and template_id = 'appointment-reminder' "
                                + "and channel = 'voice' order by created_at",
                        String.class,
                        booking.patientId()))
                .as("only the first reminder was a call")
                .hasSize(1);
    }

    @Autowired
    org.careloop.engine.channels.voice.UnknownCalls unknownCalls;

    /** A node cut off while asking the provider to call: the message is UNKNOWN, with no call sid, a while ago. */
    private void cutOff(String messageId, Instant when) {
        engineDb.update(
                "update outbound_message set status = 'UNKNOWN', provider_sid = null, updated_at = ? where id = ?",
                java.sql.Timestamp.from(when),
                messageId);
    }

    private Map<String, Object> message(String id) {
        return engineDb.queryForMap("select status, provider_sid from outbound_message where id = ?", id);
    }

    private long callsTo(String phone) {
        return heard(phone).stream()
                .filter(said -> said.startsWith("Incoming call"))
                .count();
    }

    @Test
    void callsWhosePlacingGotNoAnswerAreSettledFromTheProvidersCallListAndOneNeverPlacedIsPlacedOnce() {
        Booking booking = landlinePatientBooked("en");
        awaitCallWaitingForAKey(booking.phone());
        String placed = engineDb.queryForObject(
                "select id from outbound_message where patient_id = ? and template_id = 'appointment-reminder'",
                String.class,
                booking.patientId());
        Instant now = ClockUtil.now().toInstant();
        cutOff(placed, now.minus(Duration.ofMinutes(3)));
        // a second call for the patient, cut off before the provider had it
        String neverPlaced = java.util.UUID.randomUUID().toString();
        engineDb.update(
                "insert into outbound_message (id, patient_id, channel, to_number, to_index, template_id, body, status, "
                        + "created_at, updated_at) values (?, ?, 'voice', ?, ?, 'appointment-reminder', ?, 'UNKNOWN', ?, ?)",
                neverPlaced,
                booking.patientId(),
                cipher.seal(booking.phone(), PhiCipher.OUTBOUND_TO),
                cipher.index(booking.phone()),
                cipher.seal("This is an automated call about your appointment.", PhiCipher.OUTBOUND_BODY),
                java.sql.Timestamp.from(now),
                java.sql.Timestamp.from(now.minus(Duration.ofMinutes(3))));
        phones.hangUp(booking.phone());

        assertThat(unknownCalls.settleAll()).isEqualTo(2);

        assertThat(message(placed))
                .as("found at the provider under its call sid, ended as the provider says")
                .containsEntry("STATUS", "DELIVERED")
                .hasEntrySatisfying(
                        "PROVIDER_SID", sid -> assertThat((String) sid).startsWith("CA"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "SENT".equals(message(neverPlaced).get("STATUS")));
        assertThat(message(neverPlaced).get("PROVIDER_SID"))
                .as("placed now, as its own call")
                .isNotNull()
                .isNotEqualTo(message(placed).get("PROVIDER_SID"));
        await().atMost(Duration.ofSeconds(30)).until(() -> callsTo(booking.phone()) == 2);
        assertThat(unknownCalls.settleAll()).as("nothing left unknown").isZero();
        assertThat(callsTo(booking.phone()))
                .as("one call per message, none twice")
                .isEqualTo(2);
    }

    @Test
    void aCallAnsweredAfterItsPlacingGotNoAnswerIsSettledByTheProvidersRequestForItsWords() {
        Booking booking = landlinePatientBooked("en");
        awaitCallWaitingForAKey(booking.phone());
        String id = engineDb.queryForObject(
                "select id from outbound_message where patient_id = ? and template_id = 'appointment-reminder'",
                String.class,
                booking.patientId());
        cutOff(id, ClockUtil.now().toInstant());
        String callSid = "CA" + java.util.UUID.randomUUID().toString().replace("-", "");

        String path = "/webhooks/twilio/voice/" + id;
        Map<String, String> params = Map.of("CallSid", callSid, "To", booking.phone(), "CallStatus", "in-progress");
        var words = webhook(
                path, params, org.careloop.engine.channels.sms.TwilioSignature.sign(AUTH_TOKEN, url(path), params));

        assertThat(words.statusCode()).isEqualTo(200);
        assertThat(words.body()).contains("<Gather");
        assertThat(message(id)).containsEntry("STATUS", "SENT").containsEntry("PROVIDER_SID", callSid);
    }

    @Test
    void theTwimlWebhookRefusesAnUnsignedRequestAndAnUnknownMessage() {
        var unsigned =
                send(HttpRequest.newBuilder(URI.create(url("/webhooks/twilio/voice/" + java.util.UUID.randomUUID())))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA" + "0".repeat(32)))
                        .build());
        assertThat(unsigned.statusCode()).isEqualTo(403);

        String path = "/webhooks/twilio/voice/" + java.util.UUID.randomUUID();
        Map<String, String> params = Map.of("CallSid", "CA" + "1".repeat(32), "To", "+16175559999");
        var unknown = webhook(
                path, params, org.careloop.engine.channels.sms.TwilioSignature.sign(AUTH_TOKEN, url(path), params));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).doesNotContain("Exception");
    }
}
