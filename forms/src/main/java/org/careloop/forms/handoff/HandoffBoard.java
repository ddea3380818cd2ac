package org.careloop.forms.handoff;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What the care team's task list needs from the engine: the open handoffs of a user's groups. */
public interface HandoffBoard {

    /** The outcomes a care-team member can close a handoff with. */
    enum Outcome {
        REACHED_PATIENT("reached-patient", "Reached patient"),
        ADVISED_TO_SEEK_CARE("advised-to-seek-care", "Advised to seek care"),
        LEFT_VOICEMAIL("left-voicemail", "Left voicemail"),
        RESOLVED("resolved", "Resolved");

        private final String code;
        private final String label;

        Outcome(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public String code() {
            return code;
        }

        public String label() {
            return label;
        }

        public static Optional<Outcome> ofCode(String code) {
            for (Outcome outcome : values()) {
                if (outcome.code.equals(code)) {
                    return Optional.of(outcome);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A value that changes whenever any open handoff appears, is claimed, handed on, completed or cancelled, on any
     * node: the live task list compares it, and fetches its rows only when it moved.
     */
    String version();

    /**
     * One open handoff as the task list shows it.
     *
     * @param snippet the beginning of the patient's message that raised it, or null when none did
     * @param patientId the patient it is about (the list groups a patient's tasks), or null
     */
    record Summary(
            String taskId,
            String name,
            String patientName,
            String team,
            int priority,
            String urgency,
            String reason,
            Instant created,
            String assignee,
            String snippet,
            String patientId) {

        /** How long a handoff of this urgency may wait: emergency 5 minutes, urgent 30, routine one day. */
        public java.time.Duration target() {
            return switch (urgency) {
                case "Emergency" -> java.time.Duration.ofMinutes(5);
                case "Urgent" -> java.time.Duration.ofMinutes(30);
                default -> java.time.Duration.ofDays(1);
            };
        }

        public boolean overdue(Instant now) {
            return created.plus(target()).isBefore(now);
        }

        /** The time waited so far, as people say it: "4 min", "2 h 5 min", "3 d 4 h". */
        public String waited(Instant now) {
            long minutes = Math.max(0, java.time.Duration.between(created, now).toMinutes());
            if (minutes < 60) {
                return minutes + " min";
            }
            if (minutes < 24 * 60) {
                return minutes / 60 + " h " + minutes % 60 + " min";
            }
            return minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h";
        }

        public boolean urgent() {
            return !"Routine".equals(urgency);
        }
    }

    /** @param trigger whether this is the patient's message that raised the task */
    record Message(Instant at, boolean fromPatient, String text, String status, boolean trigger) {}

    /**
     * The minimum necessary patient context: name, age and date of birth, the record number, phone, discharge date.
     *
     * @param mrn              the medical record number the EHR gave ({@code Patient.identifier} of type MR), or null
     * @param language         the patient's preferred language in English words ("Spanish"), or null
     * @param needsInterpreter a message went to the patient in English because no approved translation exists
     */
    record PatientContext(
            String name,
            Integer age,
            String phone,
            LocalDate dischargeDate,
            LocalDate birthDate,
            String mrn,
            String language,
            boolean needsInterpreter) {}

    /** Another open task for the same patient, of any team: what it is, whose queue, and who holds it. */
    record OtherTask(String name, String team, String urgency, String holder) {}

    /** An approved message the holder of a task may send the patient from it, with its words in the patient's language. */
    record ReplyChoice(String templateId, String text) {}

    /**
     * @param assistant an automated summary and suggested route for staff, or null: made by a language model from the
     *                  redacted reply, never shown to the patient, never a decision
     */
    record Detail(
            Summary summary,
            PatientContext patient,
            String program,
            List<Message> transcript,
            Assistant assistant,
            String programDay,
            List<OtherTask> others,
            List<ReplyChoice> replies,
            Clinical clinical,
            Writing writing) {}

    /**
     * Whether the user may write to the patient in their own words, and how it will read.
     *
     * @param frame    the approved frame the words go in, in the patient's language, with {@code {words}} where the
     *                 words go
     * @param language the patient's preferred language's name when it is not English (write in it, or use an approved
     *                 message), else null
     */
    record Writing(String frame, String language) {
        /** The longest a clinician's own words may be: with the frame, about four text segments. */
        public static final int LONGEST = 400;
    }

    /**
     * The clinical context of a reply, for clinical teams (nurse, pharmacist, care coordinator) only; null for others.
     *
     * @param diagnoses   the diagnoses of the stay that enrolled the patient
     * @param medications the medications active now, with their dosage as written
     */
    record Clinical(List<String> diagnoses, List<String> medications) {}

    record Assistant(String summary, String route) {}

    /**
     * A handoff that is over: completed by a person, or cancelled when its program ended.
     *
     * @param outcome what was done ("Reached patient") or why it ended, for cancelled ones
     * @param by      who completed it, or null when it was cancelled
     * @param note    the completion note, or null
     */
    record Finished(
            String patientId,
            String taskId,
            String name,
            String patientName,
            String team,
            boolean completed,
            String outcome,
            String by,
            String note,
            Instant created,
            Instant ended) {}

    /** Completed and cancelled handoffs of a user's groups and departments, the latest first. */
    List<Finished> finishedFor(String user, Collection<String> groups);

    /** One finished handoff, if the user's groups and departments may see it. */
    Optional<Finished> finished(String taskId, String user, Collection<String> groups);

    /** Open handoffs a user may work (candidate groups, or assigned to them), most urgent first. */
    List<Summary> openFor(String user, Collection<String> groups);

    Optional<Detail> detail(String taskId, String user, Collection<String> groups);

    /**
     * Sends the patient one of the approved messages of {@link Detail#replies()}, through outreach like every message,
     * and notes it on the task. @throws IllegalStateException unless the user holds the task
     */
    void reply(String taskId, String user, Collection<String> groups, String templateId);

    /**
     * Sends the patient the user's own words in the approved frame of {@link Detail#writing()}, through outreach like
     * every message, and notes it on the task. @throws IllegalStateException unless the user holds the task and their
     * role may write (or the words are blank or too long)
     */
    void write(String taskId, String user, Collection<String> groups, String words);

    /** @throws IllegalStateException when someone else holds the task */
    void claim(String taskId, String user, Collection<String> groups);

    /** Gives the task back to its queue. @throws IllegalStateException unless the user holds it */
    void unclaim(String taskId, String user, Collection<String> groups);

    /**
     * Hands the task to a colleague of its team (and its department).
     *
     * @throws IllegalStateException unless the user holds it and the colleague may take it
     */
    void reassign(String taskId, String user, Collection<String> groups, String colleague);

    /** Who else may take the task: the other members of its team who work for its department. */
    List<String> colleagues(String taskId, String user, Collection<String> groups);

    /** Completes the task with the outcome and the note. @throws IllegalStateException unless the user holds it */
    void complete(String taskId, String user, Collection<String> groups, Outcome outcome, String note);
}
