package org.careloop.engine.handoff;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.fhir.HandoffSnapshot;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outreach.MessageLedger;
import org.careloop.forms.handoff.HandoffBoard;
import org.careloop.processes.ProcessVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The care team's view of handoffs, over Camunda's task service. Users only see their groups' tasks. */
@Service
class HandoffBoardService implements HandoffBoard {

    private static final Logger log = LoggerFactory.getLogger(HandoffBoardService.class);
    private static final int TRANSCRIPT_LENGTH = 50;
    private static final int SNIPPET = 90;
    private static final int FINISHED_SHOWN = 100;
    /** What a row shows for a patient whose record cannot be read. */
    private static final String UNKNOWN_PATIENT = "(unknown patient)";

    private final TaskService tasks;
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final org.camunda.bpm.engine.ManagementService management;
    private final PatientDirectory patients;
    private final MessageLedger ledger;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    private final org.careloop.engine.ai.AiSummaryHandler summaries;
    private final org.camunda.bpm.engine.IdentityService identity;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final org.camunda.bpm.engine.HistoryService history;
    private final org.careloop.engine.outreach.OutreachService outreach;
    private final org.careloop.engine.outreach.MessageTemplates templates;
    private final org.careloop.engine.departments.Departments departments;
    private final org.careloop.engine.outbox.Outbox outbox;
    private final org.careloop.engine.audit.AuditTrail audit;

    /** What the holder of a task may send the patient from it: approved wording only. */
    static final List<String> STAFF_REPLIES = List.of("staff-will-call", "staff-tried-to-call", "staff-call-us");
    /** The approved frame of a clinician's own words: it says a person wrote them, and how to reach one. */
    static final String STAFF_WRITTEN = "staff-written";
    /** The teams that see a patient's diagnoses and medications beside a reply (not schedulers, not analysts). */
    static final List<String> CLINICAL_TEAMS = List.of(
            org.careloop.rules.triage.Team.NURSE.group(),
            org.careloop.rules.triage.Team.PHARMACIST.group(),
            org.careloop.rules.triage.Team.CARE_COORDINATOR.group());

    private final org.careloop.engine.fhir.ClinicalContext clinicalContext;
    private final org.careloop.engine.security.StaffDirectory staff;
    /** The groups whose members may write to a patient in their own words (in the approved frame). */
    private final List<String> writers;

    private final org.careloop.engine.crypto.PhiCipher cipher;

    HandoffBoardService(
            TaskService tasks,
            org.camunda.bpm.engine.RuntimeService runtime,
            org.camunda.bpm.engine.ManagementService management,
            PatientDirectory patients,
            MessageLedger ledger,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            org.careloop.engine.ai.AiSummaryHandler summaries,
            org.camunda.bpm.engine.IdentityService identity,
            @Qualifier("engineTransactions") org.springframework.transaction.support.TransactionTemplate transactions,
            org.camunda.bpm.engine.HistoryService history,
            org.careloop.engine.outreach.OutreachService outreach,
            org.careloop.engine.outreach.MessageTemplates templates,
            org.careloop.engine.departments.Departments departments,
            org.careloop.engine.outbox.Outbox outbox,
            org.careloop.engine.audit.AuditTrail audit,
            org.careloop.engine.fhir.ClinicalContext clinicalContext,
            org.careloop.engine.security.StaffDirectory staff,
            @org.springframework.beans.factory.annotation.Value("${careloop.handoff.free-text-roles:nurse,pharmacist}")
                    List<String> writers,
            org.careloop.engine.crypto.PhiCipher cipher) {
        this.cipher = cipher;
        this.writers = writers.stream().map(String::strip).toList();
        this.clinicalContext = clinicalContext;
        this.staff = staff;
        this.audit = audit;
        this.outreach = outreach;
        this.templates = templates;
        this.departments = departments;
        this.outbox = outbox;
        this.history = history;
        this.transactions = transactions;
        this.identity = identity;
        this.summaries = summaries;
        this.tasks = tasks;
        this.runtime = runtime;
        this.management = management;
        this.patients = patients;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String version() {
        // one indexed read per node and check, however many lists are open
        return jdbc.queryForObject(
                        "select count(*) || '/' || coalesce(cast(max(CREATE_TIME_) as varchar(40)), '-') from ACT_RU_TASK",
                        String.class)
                + "/"
                + jdbc.queryForObject("select coalesce(max(id), 0) from handoff_change", Long.class);
    }

    @Override
    public List<Summary> openFor(String user, Collection<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        String version = version();
        List<Task> open = openQuery(user, groups)
                .orderByTaskPriority()
                .desc()
                .orderByTaskCreateTime()
                .asc()
                .listPage(0, 200);
        Map<String, Row> rows = sharedRows(version, open);
        List<Summary> shown =
                open.stream().map(task -> summary(task, rows.get(task.getId()))).toList();
        audit.listed(user, shown.stream().map(Summary::patientId).toList(), "worklist");
        return shown;
    }

    /** What a list shows of a task besides the task itself: its variables, its patient's name. */
    private record Row(Map<String, Object> variables, String patientName) {}

    /** The rows the open lists read last, with the board's version they were read at, and when (nanoTime). */
    private record SharedRows(String version, long readAt, Map<String, Row> rows) {}

    /** How long the lists share rows they read, at most, when the board's version does not change. */
    private static final java.time.Duration ROWS_SHARED = java.time.Duration.ofSeconds(10);

    private final java.util.concurrent.atomic.AtomicReference<SharedRows> sharedRows =
            new java.util.concurrent.atomic.AtomicReference<>(new SharedRows("", 0, Map.of()));

    /**
     * The lists' rows, shared between the lists read at one version of the board: after a change every open list
     * reads itself again at once (the live list), and the rows they have in common are read once. A change of the
     * board (a task raised, claimed, reassigned or ended) starts afresh, and so does a reading older than {@link
     * #ROWS_SHARED}. Holds the rows of the open lists' tasks only.
     */
    private Map<String, Row> sharedRows(String version, List<Task> open) {
        SharedRows kept = sharedRows.get();
        long now = System.nanoTime();
        boolean current = kept.version().equals(version) && now - kept.readAt() < ROWS_SHARED.toNanos();
        Map<String, Row> known = current ? kept.rows() : Map.of();
        Map<String, Row> rows = new java.util.HashMap<>(known);
        rows.putAll(rows(
                open.stream().filter(task -> !known.containsKey(task.getId())).toList()));
        sharedRows.set(new SharedRows(version, current ? kept.readAt() : now, Map.copyOf(rows)));
        return rows;
    }

    /** The open work in a user's queues: assigned to them or offered to their groups, within their departments. */
    org.camunda.bpm.engine.task.TaskQuery openQuery(String user, Collection<String> groups) {
        return inDepartmentsOf(
                user,
                groups,
                tasks.createTaskQuery()
                        .active()
                        .or()
                        .taskAssignee(user)
                        .taskCandidateGroupIn(new ArrayList<>(groups))
                        .includeAssignedTasks()
                        .endOr());
    }

    @Override
    public List<Finished> finishedFor(String user, Collection<String> groups) {
        List<Finished> shown = finishedList(user, groups);
        audit.listed(user, shown.stream().map(Finished::patientId).toList(), "done list");
        return shown;
    }

    private List<Finished> finishedList(String user, Collection<String> groups) {
        java.util.Map<String, org.camunda.bpm.engine.history.HistoricTaskInstance> found =
                new java.util.LinkedHashMap<>();
        String[] departments = departmentsOf(user, groups);
        for (String group : groups) {
            finishedQuery(departments)
                    .taskHadCandidateGroup(group)
                    .listPage(0, FINISHED_SHOWN)
                    .forEach(t -> found.put(t.getId(), t));
        }
        finishedQuery(departments)
                .taskAssignee(user)
                .listPage(0, FINISHED_SHOWN)
                .forEach(t -> found.put(t.getId(), t));
        List<org.camunda.bpm.engine.history.HistoricTaskInstance> shown = found.values().stream()
                .sorted(java.util.Comparator.comparing(org.camunda.bpm.engine.history.HistoricTaskInstance::getEndTime)
                        .reversed())
                .limit(FINISHED_SHOWN)
                .toList();
        // the rows' patients in one history query, their names in one FHIR search
        Map<String, String> patientOf = new java.util.HashMap<>();
        String[] instances = shown.stream()
                .map(org.camunda.bpm.engine.history.HistoricTaskInstance::getProcessInstanceId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        if (instances.length > 0) {
            history.createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(instances)
                    .variableName(ProcessVariables.PATIENT_ID)
                    .disableBinaryFetching()
                    .disableCustomObjectDeserialization()
                    .list()
                    .forEach(v -> patientOf.putIfAbsent(v.getProcessInstanceId(), (String) v.getValue()));
        }
        Map<String, String> names = patients.displayNames(
                patientOf.values().stream().filter(java.util.Objects::nonNull).toList());
        Ends ends = endsOf(shown.stream()
                .map(org.camunda.bpm.engine.history.HistoricTaskInstance::getId)
                .toList());
        return shown.stream()
                .map(task -> finished(task, patientOf.get(task.getProcessInstanceId()), names, ends))
                .toList();
    }

    /**
     * How finished tasks ended, read for all of them at once: each one's latest completion record (who, outcome,
     * note), and the team it was first offered to (Camunda's history of its candidate groups, by the task's index).
     */
    private record Ends(Map<String, Map<String, Object>> completions, Map<String, String> teams) {}

    private Ends endsOf(List<String> taskIds) {
        Map<String, Map<String, Object>> completions = new java.util.HashMap<>();
        Map<String, String> teams = new java.util.HashMap<>();
        if (taskIds.isEmpty()) {
            return new Ends(completions, teams);
        }
        String in = String.join(", ", java.util.Collections.nCopies(taskIds.size(), "?"));
        List<Object> args = new java.util.ArrayList<>(taskIds);
        args.add(HandoffChanges.COMPLETED);
        jdbc.queryForList(
                        "select task_id, by_user, outcome, note from handoff_change where task_id in (" + in
                                + ") and action = ? order by id desc",
                        args.toArray())
                .forEach(row -> completions.putIfAbsent((String) row.get("task_id"), row));
        jdbc.query(
                "select TASK_ID_, GROUP_ID_ from "
                        + management.getTableName(
                                org.camunda.bpm.engine.impl.persistence.entity.HistoricIdentityLinkLogEntity.class)
                        + " where TASK_ID_ in (" + in
                        + ") and TYPE_ = 'candidate' and GROUP_ID_ is not null order by TIMESTAMP_, ID_",
                rs -> { // a row handler, one row at a time
                    teams.putIfAbsent(rs.getString(1), rs.getString(2));
                },
                taskIds.toArray());
        return new Ends(completions, teams);
    }

    @Override
    public Optional<Finished> finished(String taskId, String user, Collection<String> groups) {
        Optional<Finished> found = findFinished(taskId, user, groups);
        found.ifPresent(f -> Optional.ofNullable(
                        history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult())
                .flatMap(t -> patientOf(t.getProcessInstanceId()))
                .ifPresent(patientId ->
                        audit.viewed(user, null, patientId, "Task/handoff-" + taskId, "finished task page")));
        return found;
    }

    /** The finished task, if the user held it or it was offered to one of their groups, in their departments. */
    private Optional<Finished> findFinished(String taskId, String user, Collection<String> groups) {
        return Optional.ofNullable(finishedQuery(departmentsOf(user, groups))
                        .taskId(taskId)
                        .singleResult())
                .filter(t -> user.equals(t.getAssignee())
                        || groups.stream()
                                .anyMatch(g -> history.createHistoricIdentityLinkLogQuery()
                                                .taskId(taskId)
                                                .groupId(g)
                                                .count()
                                        > 0))
                .map(t -> {
                    String patientId = patientOf(t.getProcessInstanceId()).orElse(null);
                    return finished(
                            t,
                            patientId,
                            patientId == null ? Map.of() : patients.displayNames(List.of(patientId)),
                            endsOf(List.of(t.getId())));
                });
    }

    /** The patient of a (possibly ended) process, from its history. */
    private Optional<String> patientOf(String processInstanceId) {
        return history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId)
                .variableName(ProcessVariables.PATIENT_ID)
                .list()
                .stream()
                .map(v -> (String) v.getValue())
                .findFirst();
    }

    /** Finished handoffs in these departments (or, with none, in no department). */
    private org.camunda.bpm.engine.history.HistoricTaskInstanceQuery finishedQuery(String[] departments) {
        var query = history.createHistoricTaskInstanceQuery().finished();
        query = departments.length == 0 ? query.withoutTenantId() : query.tenantIdIn(departments);
        return query.orderByHistoricTaskInstanceEndTime().desc();
    }

    private Finished finished(
            org.camunda.bpm.engine.history.HistoricTaskInstance task,
            String patientId,
            Map<String, String> names,
            Ends ends) {
        Map<String, Object> recorded = ends.completions().getOrDefault(task.getId(), Map.of());
        String team = ends.teams().get(task.getId());
        // Camunda ends a completed task with "completed"; one its program ended, with the reason it was deleted
        boolean completed = "completed".equals(task.getDeleteReason());
        String outcome = !completed
                ? "Cancelled: its program ended"
                : recorded.get("outcome") == null ? "Completed" : (String) recorded.get("outcome");
        String note = cipher.open((String) recorded.get("note"), org.careloop.engine.crypto.PhiCipher.HANDOFF_NOTE);
        return new Finished(
                patientId,
                task.getId(),
                task.getName(),
                patientId == null ? UNKNOWN_PATIENT : names.getOrDefault(patientId, UNKNOWN_PATIENT),
                team,
                completed,
                outcome,
                recorded.isEmpty() ? task.getAssignee() : (String) recorded.get("by_user"),
                note,
                task.getStartTime().toInstant(),
                task.getEndTime().toInstant());
    }

    @Override
    public Optional<Detail> detail(String taskId, String user, Collection<String> groups) {
        return visible(taskId, user, groups).map(task -> {
            Map<String, Object> vars = TaskVariables.of(tasks, runtime, task.getId());
            String patientId = (String) vars.get(ProcessVariables.PATIENT_ID);
            PatientSummary patient = patients.find(patientId).orElse(null);
            // the program's enrolment, if the task has one: the stay, its discharge, and when the program began
            Map<String, Object> enrolment = Optional.ofNullable((String) vars.get(ProcessVariables.ENROLMENT_ID))
                    .flatMap(id -> jdbc
                            .queryForList(
                                    "select discharge_time, created_at, encounter_id from enrolment where id = ?", id)
                            .stream()
                            .findFirst())
                    .orElse(Map.of());
            PatientContext context = context(patient, patientId, enrolment);
            String trigger = (String) vars.get(ProcessVariables.REPLY_MESSAGE_ID);
            List<Message> transcript = conversation(patientId, trigger);
            List<HandoffBoard.OtherTask> others = openTasksOf(patientId, task.getId());
            String language = patient == null ? "en" : patient.language();
            var department = departments.of(patient);
            List<HandoffBoard.ReplyChoice> replies = patient == null
                    ? List.of()
                    : STAFF_REPLIES.stream()
                            .map(t -> {
                                // staff read what they send; the patient gets the approved translation
                                String english = templates.render(t, "en", null, department);
                                String theirs = templates.render(t, language, null, department);
                                return new HandoffBoard.ReplyChoice(
                                        t, english.equals(theirs) ? english : english + " (sent as: " + theirs + ")");
                            })
                            .toList();
            log.info("User {} opened handoff {} for patient {}", user, taskId, patientId);
            if (patientId != null) {
                audit.viewed(user, null, patientId, "Task/handoff-" + taskId, "task page");
            }
            HandoffBoard.Assistant assistant = summaries
                    .summaryOf(task.getId())
                    .map(s -> new HandoffBoard.Assistant(s.summary(), s.route()))
                    .orElse(null);
            String programDay = programDay(enrolment);
            HandoffBoard.Clinical clinical = clinical(patientId, enrolment, groups);
            HandoffBoard.Writing writing = patient == null || !mayWrite(groups)
                    ? null
                    : new HandoffBoard.Writing(
                            templates.render(STAFF_WRITTEN, language, null, department),
                            "en".equals(org.careloop.engine.outreach.MessageTemplates.primary(language))
                                    ? null
                                    : java.util.Locale.forLanguageTag(language)
                                            .getDisplayLanguage(java.util.Locale.ENGLISH));
            return new Detail(
                    summary(task),
                    context,
                    (String) vars.get(ProcessVariables.PROGRAM),
                    transcript,
                    assistant,
                    programDay,
                    others,
                    replies,
                    clinical,
                    writing);
        });
    }

    /** Whether one of the user's groups may write to patients in their own words. */
    private boolean mayWrite(Collection<String> groups) {
        return groups.stream().anyMatch(writers::contains);
    }

    @Override
    public void write(String taskId, String user, Collection<String> groups, String words) {
        Task task = held(taskId, user, groups);
        if (!mayWrite(groups)) {
            throw new IllegalStateException("Your role sends approved messages only");
        }
        String text = words == null ? "" : words.strip().replaceAll("[\\p{Cc}&&[^\\n]]", "");
        if (text.isBlank()) {
            throw new IllegalStateException("Write your message before sending it");
        }
        if (text.length() > HandoffBoard.Writing.LONGEST) {
            throw new IllegalStateException("Your message is at most " + HandoffBoard.Writing.LONGEST + " characters");
        }
        Map<String, Object> vars = TaskVariables.of(tasks, runtime, taskId);
        String frame = approvedText(vars, STAFF_WRITTEN);
        if (!frame.contains("{words}")) {
            // an approved frame that lost its place for the words would send the patient nothing of them
            throw new IllegalStateException("The approved frame for written messages has no place for your words; "
                    + "ask a clinical reviewer to restore {words} in it");
        }
        sendToPatient(task, vars, user, STAFF_WRITTEN, frame.replace("{words}", text), text);
        log.info("User {} wrote to the patient of handoff {}", user, taskId);
    }

    @Override
    public void reply(String taskId, String user, Collection<String> groups, String templateId) {
        Task task = held(taskId, user, groups);
        if (!STAFF_REPLIES.contains(templateId)) {
            throw new IllegalStateException("Choose one of the approved messages");
        }
        Map<String, Object> vars = TaskVariables.of(tasks, runtime, taskId);
        sendToPatient(task, vars, user, templateId, approvedText(vars, templateId), null);
        log.info("User {} messaged the patient of handoff {} ({})", user, taskId, templateId);
    }

    /** An approved message as the task's patient would read it, in their language and department's words. */
    private String approvedText(Map<String, Object> vars, String templateId) {
        String patientId = (String) vars.get(ProcessVariables.PATIENT_ID);
        if (patientId == null) {
            throw new IllegalStateException("This task names no patient to message");
        }
        PatientSummary patient = patients.find(patientId).orElse(null);
        return templates.render(templateId, patient == null ? "en" : patient.language(), null, departments.of(patient));
    }

    /** Sends an approved message (with a clinician's words, if any) and notes it on the task, or neither. */
    private void sendToPatient(
            Task task, Map<String, Object> vars, String user, String templateId, String sent, String words) {
        String patientId = (String) vars.get(ProcessVariables.PATIENT_ID);
        recorded(task.getId(), HandoffChanges.MESSAGED, user, null, null, sent, () -> {
            // an answer to what the patient wrote when the task came from a reply: it goes at once, the way they wrote
            org.careloop.engine.outreach.OutreachService.Result result =
                    outreach.send(new org.careloop.engine.outreach.OutreachRequest(
                            patientId,
                            templateId,
                            (String) vars.get(ProcessVariables.PROGRAM),
                            (String) vars.get(ProcessVariables.ENROLMENT_ID),
                            null,
                            task.getProcessInstanceId(),
                            (String) vars.get(ProcessVariables.REPLY_MESSAGE_ID),
                            null,
                            null,
                            null,
                            null,
                            words));
            if (result != org.careloop.engine.outreach.OutreachService.Result.QUEUED) {
                throw new IllegalStateException("The message cannot be sent: "
                        + switch (result) {
                            case NO_CONSENT, OPTED_OUT -> "the patient has not consented to it";
                            default -> "there is no valid contact on file";
                        });
            }
            outbox.enqueue(new HandoffChanged(snapshotOf(task, vars)));
        });
    }

    private HandoffSnapshot snapshotOf(Task task, Map<String, Object> vars) {
        return new HandoffSnapshot(
                task.getId(),
                task.getName(),
                (String) vars.get(ProcessVariables.PATIENT_ID),
                (String) vars.get(ProcessVariables.ENROLMENT_ID),
                (String) vars.get(ProcessVariables.HANDOFF_TEAM),
                task.getAssignee(),
                task.getPriority(),
                (String) vars.get(ProcessVariables.HANDOFF_REASON),
                task.getAssignee() == null ? "requested" : "accepted",
                null,
                (String) vars.get(ProcessVariables.REPLY_MESSAGE_ID),
                task.getCreateTime().toInstant(),
                clock.instant());
    }

    @Override
    public void claim(String taskId, String user, Collection<String> groups) {
        Task task =
                visible(taskId, user, groups).orElseThrow(() -> new IllegalArgumentException("No such open handoff"));
        if (task.getAssignee() != null && !task.getAssignee().equals(user)) {
            throw new IllegalStateException("This handoff is already claimed by " + task.getAssignee());
        }
        if (task.getAssignee() == null) {
            recorded(taskId, HandoffChanges.CLAIMED, user, null, null, null, () -> tasks.claim(taskId, user));
            log.info("User {} claimed handoff {}", user, taskId);
        }
    }

    /** The patient's header: who, how old, how to reach them, their language, and the stay's discharge. */
    PatientContext context(PatientSummary patient, String patientId, Map<String, Object> enrolment) {
        java.time.LocalDate discharge = Optional.ofNullable((Timestamp) enrolment.get("discharge_time"))
                .map(ts -> ts.toInstant().atZone(ZoneOffset.UTC).toLocalDate())
                .orElse(null);
        return patient == null
                ? new PatientContext(UNKNOWN_PATIENT, null, null, discharge, null, null, null, false)
                : new PatientContext(
                        patient.displayName(),
                        patient.ageOn(clock.instant().atZone(ZoneOffset.UTC).toLocalDate()),
                        patient.mobile(),
                        discharge,
                        patient.birthDate(),
                        patient.mrn(),
                        patient.language() == null || patient.language().isBlank()
                                ? null
                                : java.util.Locale.forLanguageTag(patient.language())
                                        .getDisplayLanguage(java.util.Locale.ENGLISH),
                        jdbc.queryForObject(
                                        "select count(*) from outbound_message where patient_id = ? "
                                                + "and interpreter_language is not null",
                                        Integer.class,
                                        patientId)
                                > 0);
    }

    /** The patient's latest enrolment in any program: the stay, its discharge, when it began; empty if none. */
    Map<String, Object> latestEnrolment(String patientId) {
        return jdbc
                .queryForList(
                        "select program, discharge_time, created_at, encounter_id from enrolment where patient_id = ?"
                                + " order by created_at desc",
                        patientId)
                .stream()
                .findFirst()
                .orElse(Map.of());
    }

    /** The conversation with the patient, newest last; {@code trigger} marks the message that raised a task. */
    List<Message> conversation(String patientId, String trigger) {
        return patientId == null
                ? List.of()
                : ledger.transcript(patientId, TRANSCRIPT_LENGTH).stream()
                        .map(e -> new Message(
                                e.at(), !e.outbound(), e.body(), e.status(), !e.outbound() && e.id().equals(trigger)))
                        .toList();
    }

    /**
     * The process instances that hold the patient's id, found by the index on the {@code patientId} variable's value
     * ({@code V44__patient_variable_index}); a task query by process variable would walk every open task instead.
     */
    String[] instancesOf(String patientId) {
        return runtime
                .createVariableInstanceQuery()
                .variableValueEquals(ProcessVariables.PATIENT_ID, patientId)
                .disableBinaryFetching()
                .disableCustomObjectDeserialization()
                .list()
                .stream()
                .map(org.camunda.bpm.engine.runtime.VariableInstance::getProcessInstanceId)
                .distinct()
                .toArray(String[]::new);
    }

    /** The patient's open tasks of every team, but one: what each is, whose queue, who holds it. */
    List<HandoffBoard.OtherTask> openTasksOf(String patientId, String exceptTaskId) {
        String[] instances = patientId == null ? new String[0] : instancesOf(patientId);
        return instances.length == 0
                ? List.of()
                : summaries(tasks.createTaskQuery().processInstanceIdIn(instances).active().list().stream()
                                .filter(other -> !other.getId().equals(exceptTaskId))
                                .toList())
                        .stream()
                        .map(s -> new HandoffBoard.OtherTask(s.name(), s.team(), s.urgency(), s.assignee()))
                        .toList();
    }

    /** "day 3" of the enrolment's program, or null. */
    String programDay(Map<String, Object> enrolment) {
        return Optional.ofNullable((Timestamp) enrolment.get("created_at"))
                .map(start -> "day "
                        + (java.time.Duration.between(start.toInstant(), clock.instant())
                                        .toDays()
                                + 1))
                .orElse(null);
    }

    /** Minimum necessary: the stay's diagnoses and the active medications, for the clinical teams only. */
    HandoffBoard.Clinical clinical(String patientId, Map<String, Object> enrolment, Collection<String> groups) {
        return patientId == null || groups.stream().noneMatch(CLINICAL_TEAMS::contains)
                ? null
                : new HandoffBoard.Clinical(
                        clinicalContext.diagnosesOf((String) enrolment.get("encounter_id")),
                        clinicalContext.activeMedicationsOf(patientId));
    }

    @Override
    public void unclaim(String taskId, String user, Collection<String> groups) {
        held(taskId, user, groups);
        recorded(taskId, HandoffChanges.RELEASED, user, null, null, null, () -> tasks.setAssignee(taskId, null));
        log.info("User {} gave handoff {} back to its queue", user, taskId);
    }

    @Override
    public void reassign(String taskId, String user, Collection<String> groups, String colleague) {
        held(taskId, user, groups);
        if (colleague == null || !colleagues(taskId, user, groups).contains(colleague)) {
            throw new IllegalStateException("Choose a colleague of this handoff's team");
        }
        recorded(
                taskId,
                HandoffChanges.REASSIGNED,
                user,
                colleague,
                null,
                null,
                () -> tasks.setAssignee(taskId, colleague));
        log.info("User {} handed handoff {} to {}", user, taskId, colleague);
    }

    @Override
    public List<String> colleagues(String taskId, String user, Collection<String> groups) {
        Task task =
                visible(taskId, user, groups).orElseThrow(() -> new IllegalArgumentException("No such open handoff"));
        List<String> teams = tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
                .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
                .toList();
        java.util.Set<String> colleagues = new java.util.TreeSet<>();
        // who signs in through the organisation's identity provider, with the groups of their last sign-in
        java.util.Set<String> signInThroughProvider = new java.util.TreeSet<>();
        for (String team : teams) {
            identity.createUserQuery().memberOfGroup(team).list().forEach(u -> colleagues.add(u.getId()));
            signInThroughProvider.addAll(staff.membersOf(team));
        }
        signInThroughProvider.removeAll(colleagues);
        colleagues.addAll(signInThroughProvider);
        colleagues.remove(user);
        if (task.getTenantId() != null) {
            colleagues.removeIf(c -> !List.of(
                            signInThroughProvider.contains(c)
                                    ? departmentsOf(c, staff.groupsOf(c))
                                    : departmentsOf(c, List.of()))
                    .contains(task.getTenantId()));
        }
        return List.copyOf(colleagues);
    }

    @Override
    public void complete(String taskId, String user, Collection<String> groups, Outcome outcome, String note) {
        held(taskId, user, groups);
        String text = note == null ? "" : note.strip();
        recorded(
                taskId,
                HandoffChanges.COMPLETED,
                user,
                null,
                outcome.label(),
                text.isEmpty() ? null : text,
                () -> tasks.complete(
                        taskId,
                        Variables.createVariables()
                                .putValue(ProcessVariables.HANDOFF_OUTCOME, outcome.code())
                                .putValue(ProcessVariables.HANDOFF_NOTE, text)
                                .putValue(ProcessVariables.HANDOFF_COMPLETED_BY, user)));
        log.info("User {} completed handoff {} with {}", user, taskId, outcome.code());
    }

    /** The task, which the user must hold: claimed by them. */
    private Task held(String taskId, String user, Collection<String> groups) {
        Task task =
                visible(taskId, user, groups).orElseThrow(() -> new IllegalArgumentException("No such open handoff"));
        if (!user.equals(task.getAssignee())) {
            throw new IllegalStateException(
                    task.getAssignee() == null
                            ? "Claim this handoff first."
                            : "This handoff is held by " + task.getAssignee() + ".");
        }
        return task;
    }

    /**
     * Records a change with who made it, and makes it, in one transaction: the task listener's FHIR mirror then
     * carries every change as a note of the Task. Made again if the engine moved the task meanwhile.
     */
    private void recorded(
            String taskId, String action, String user, String toUser, String outcome, String note, Runnable change) {
        TaskChanges.retriedOnConflict(() -> transactions.executeWithoutResult(tx -> {
            jdbc.update(
                    "insert into handoff_change (task_id, action, by_user, to_user, outcome, note, at) "
                            + "values (?, ?, ?, ?, ?, ?, ?)",
                    taskId,
                    action,
                    user,
                    toUser,
                    outcome,
                    note == null ? null : cipher.seal(note, org.careloop.engine.crypto.PhiCipher.HANDOFF_NOTE),
                    Timestamp.from(clock.instant()));
            change.run();
        }));
    }

    private Optional<Task> visible(String taskId, String user, Collection<String> groups) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(inDepartmentsOf(
                        user,
                        groups,
                        tasks.createTaskQuery()
                                .taskId(taskId)
                                .active()
                                .or()
                                .taskAssignee(user)
                                .taskCandidateGroupIn(new ArrayList<>(groups))
                                .includeAssignedTasks()
                                .endOr())
                .singleResult());
    }

    /**
     * The user's departments: the Camunda tenants the user, or a group of the user, is a member of. The groups are
     * those of the sign-in (a user of the organisation's single sign-on is not in Camunda's identity tables): a group
     * that is a member of a department's tenant, or a group named as a department, counts.
     */
    private String[] departmentsOf(String user, Collection<String> groups) {
        java.util.Set<String> departments = new java.util.TreeSet<>();
        identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
                .map(org.camunda.bpm.engine.identity.Tenant::getId)
                .forEach(departments::add);
        for (String group : groups) {
            identity.createTenantQuery().groupMember(group).list().stream()
                    .map(org.camunda.bpm.engine.identity.Tenant::getId)
                    .forEach(departments::add);
        }
        if (!groups.isEmpty()) {
            identity.createTenantQuery().tenantIdIn(groups.toArray(String[]::new)).list().stream()
                    .map(org.camunda.bpm.engine.identity.Tenant::getId)
                    .forEach(departments::add);
        }
        return departments.toArray(String[]::new);
    }

    /** Only the work of the user's departments, and work that belongs to no department. */
    private org.camunda.bpm.engine.task.TaskQuery inDepartmentsOf(
            String user, Collection<String> groups, org.camunda.bpm.engine.task.TaskQuery query) {
        String[] departments = departmentsOf(user, groups);
        return departments.length == 0
                ? query.withoutTenantId()
                : query.or().tenantIdIn(departments).withoutTenantId().endOr();
    }

    private Summary summary(Task task) {
        return summaries(List.of(task)).get(0);
    }

    /** The variables a task's row shows. */
    private static final List<String> ROW_VARIABLES = List.of(
            ProcessVariables.PATIENT_ID,
            ProcessVariables.HANDOFF_TEAM,
            ProcessVariables.HANDOFF_REASON,
            ProcessVariables.REPLY_BODY);

    /**
     * The tasks' rows, in their order: their variables in two queries and their patients' names in one FHIR search,
     * however many rows (a list of 200 read each task's variables and each patient's record apart, 400 reads).
     */
    private List<Summary> summaries(List<Task> shown) {
        Map<String, Row> rows = rows(shown);
        return shown.stream().map(task -> summary(task, rows.get(task.getId()))).toList();
    }

    /** The tasks' rows, by task id. */
    private Map<String, Row> rows(List<Task> shown) {
        if (shown.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, Object>> variables = variablesOf(shown);
        Map<String, String> names = patients.displayNames(variables.values().stream()
                .map(vars -> (String) vars.get(ProcessVariables.PATIENT_ID))
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList());
        Map<String, Row> rows = new java.util.HashMap<>();
        for (Task task : shown) {
            Map<String, Object> vars = variables.getOrDefault(task.getId(), Map.of());
            rows.put(
                    task.getId(),
                    new Row(
                            vars,
                            Optional.ofNullable((String) vars.get(ProcessVariables.PATIENT_ID))
                                    .map(names::get)
                                    .orElse(UNKNOWN_PATIENT)));
        }
        return rows;
    }

    /**
     * Each task's {@link #ROW_VARIABLES} as {@code TaskService.getVariables} resolves them: the task's own, else the
     * nearest of its execution and the execution's parents up to the process instance (an input parameter of a call
     * task, e.g. its reason, shadows the process's).
     */
    private Map<String, Map<String, Object>> variablesOf(List<Task> shown) {
        String[] instances = shown.stream()
                .map(Task::getProcessInstanceId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        if (instances.length == 0) {
            return Map.of();
        }
        Map<String, String> parents = new java.util.HashMap<>();
        StringBuilder in = new StringBuilder();
        var executions = runtime.createNativeExecutionQuery();
        for (int i = 0; i < instances.length; i++) {
            in.append(i == 0 ? "" : ", ").append("#{p").append(i).append('}');
            executions.parameter("p" + i, instances[i]);
        }
        executions
                .sql("select RES.* from "
                        + management.getTableName(org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.class)
                        + " RES where RES.PROC_INST_ID_ in (" + in + ")")
                .list()
                .forEach(e -> parents.put(
                        e.getId(), ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) e).getParentId()));
        // by scope (a task's id, or an execution's), then by name
        Map<String, Map<String, Object>> byScope = new java.util.HashMap<>();
        runtime.createVariableInstanceQuery()
                .processInstanceIdIn(instances)
                .variableNameIn(ROW_VARIABLES.toArray(String[]::new))
                .disableBinaryFetching()
                .disableCustomObjectDeserialization()
                .list()
                .forEach(v -> byScope.computeIfAbsent(
                                v.getTaskId() != null ? v.getTaskId() : v.getExecutionId(),
                                scope -> new java.util.HashMap<>())
                        .put(v.getName(), v.getValue()));
        Map<String, Map<String, Object>> found = new java.util.HashMap<>();
        for (Task task : shown) {
            found.put(
                    task.getId(),
                    seenBy(task.getId(), task.getExecutionId(), task.getProcessInstanceId(), parents, byScope));
        }
        return found;
    }

    /**
     * One task's variables from its scopes: its own, then its execution's and their parents' up to the process
     * instance. An execution the task was listed on may have ended before the executions were read (the
     * acknowledgement beside a handoff ended, and the engine moved the task to the process instance): the walk then
     * goes on from the process instance, so the row still has its patient and team.
     *
     * @param parents each execution of the tasks' processes, as read, with its parent (null for a process instance)
     * @param byScope the variables of each scope (a task's id, or an execution's), by name
     */
    static Map<String, Object> seenBy(
            String taskId,
            String executionId,
            String processInstanceId,
            Map<String, String> parents,
            Map<String, Map<String, Object>> byScope) {
        Map<String, Object> vars = new java.util.HashMap<>();
        seenFrom(vars, byScope.get(taskId));
        String e = executionId;
        while (e != null) {
            seenFrom(vars, byScope.get(e));
            e = parents.containsKey(e) ? parents.get(e) : (e.equals(processInstanceId) ? null : processInstanceId);
        }
        return vars;
    }

    /** Adds a scope's variables that no nearer scope set (a nearer one set to null shadows a farther one too). */
    private static void seenFrom(Map<String, Object> vars, Map<String, Object> scope) {
        if (scope != null) {
            scope.forEach((name, value) -> {
                if (!vars.containsKey(name)) {
                    vars.put(name, value);
                }
            });
        }
    }

    private Summary summary(Task task, Row row) {
        Map<String, Object> vars = row.variables();
        String patientName = row.patientName();
        int priority = task.getPriority();
        String urgency = switch (org.careloop.rules.triage.HandoffPriority.urgency(priority)) {
            case CRISIS, EMERGENCY -> "Emergency";
            case URGENT -> "Urgent";
            default -> "Routine";
        };
        return new Summary(
                task.getId(),
                task.getName(),
                patientName,
                (String) vars.get(ProcessVariables.HANDOFF_TEAM),
                priority,
                urgency,
                (String) vars.get(ProcessVariables.HANDOFF_REASON),
                task.getCreateTime().toInstant(),
                task.getAssignee(),
                snippet((String) vars.get(ProcessVariables.REPLY_BODY)),
                (String) vars.get(ProcessVariables.PATIENT_ID));
    }

    private static String snippet(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() <= SNIPPET ? line : line.substring(0, SNIPPET - 1) + "…";
    }
}
