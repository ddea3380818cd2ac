package org.careloop.engine.outreach;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.careloop.engine.departments.Department;
import org.careloop.engine.departments.Departments;
import org.careloop.forms.templates.TemplateReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review of patient message templates after the release ({@code message_template_version}): a version is
 * drafted, approved by a clinical reviewer other than its author (which retires the version approved before it), and
 * retired. What is approved is sent ({@link MessageTemplates} reads it through {@link ApprovedTemplates}); a draft or
 * a retired version never is. The templates shipped with the release are the approved texts until a version replaces
 * them, and again once that version is retired.
 */
@Service
class TemplateVersions implements TemplateReview {

    private static final Logger log = LoggerFactory.getLogger(TemplateVersions.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("organisation", "helpLine", "when", "link", "code", "words");
    static final int MAX_LENGTH = 1600;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MessageTemplates templates;
    private final ApprovedTemplates approved;
    private final Departments departments;
    private final Clock clock;

    TemplateVersions(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            MessageTemplates templates,
            ApprovedTemplates approved,
            Departments departments,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.templates = templates;
        this.approved = approved;
        this.departments = departments;
        this.clock = clock;
    }

    @Override
    public List<Current> inUse() {
        // shipped sets first, then what reviewers approved on top of them (or in a language not shipped)
        Map<String, Current> byKey = new LinkedHashMap<>();
        for (var set : templates.shippedSets()) {
            for (String id : templates.ids()) {
                String text = templates.shipped(set.getKey(), set.getValue(), id);
                if (text != null) {
                    byKey.put(
                            ApprovedTemplates.key(set.getKey(), set.getValue(), id),
                            new Current(
                                    id,
                                    set.getValue(),
                                    set.getKey(),
                                    text,
                                    preview(text, set.getValue(), set.getKey()),
                                    null,
                                    null,
                                    null));
                }
            }
        }
        for (Version v : versions("where status = 'APPROVED'", List.of())) {
            byKey.put(
                    ApprovedTemplates.key(v.department(), v.language(), v.templateId()),
                    new Current(
                            v.templateId(),
                            v.language(),
                            v.department(),
                            v.text(),
                            v.preview(),
                            v.version(),
                            v.reviewedBy(),
                            v.reviewedAt()));
        }
        List<Current> all = new ArrayList<>(byKey.values());
        all.sort(java.util.Comparator.comparing(Current::templateId)
                .thenComparing(c -> !"en".equals(c.language()))
                .thenComparing(Current::language)
                .thenComparing(Current::department));
        return all;
    }

    @Override
    public List<Version> waiting() {
        return versions("where status = 'DRAFT' order by drafted_at", List.of());
    }

    @Override
    public List<Version> history(String templateId, String language, String department) {
        return versions(
                "where template_id = ? and language = ? and department = ? order by version desc",
                List.of(templateId, language, department == null ? "" : department));
    }

    @Override
    public List<String> templateIds() {
        return List.copyOf(templates.ids());
    }

    @Override
    public List<String> departments() {
        return departments.all().stream().map(Department::id).toList();
    }

    @Override
    public String preview(String text, String language, String department) {
        Department d = department == null || department.isEmpty()
                ? departments.byDefault()
                : departments.byId(department).orElse(departments.byDefault());
        // a sample time a week ahead, as the patient would read it
        Instant sample = clock.instant().plus(java.time.Duration.ofDays(7));
        return templates.fill(text, language, sample, d);
    }

    @Override
    public Outcome draft(String templateId, String language, String department, String text, String user) {
        String dept = department == null ? "" : department;
        if (!templates.ids().contains(templateId)) {
            return new Outcome(true, "There is no template " + templateId + ".");
        }
        if (language == null || !language.matches("[a-z]{2,3}")) {
            return new Outcome(true, "The language must be an ISO 639 code of two or three letters, e.g. es or vi.");
        }
        if (!dept.isEmpty() && departments.byId(dept).isEmpty()) {
            return new Outcome(true, "There is no department " + dept + ".");
        }
        String body = text == null ? "" : text.replace("\r\n", "\n").strip();
        if (body.isEmpty()) {
            return new Outcome(true, "The text is empty.");
        }
        if (body.length() > MAX_LENGTH) {
            return new Outcome(
                    true,
                    "The text has " + body.length() + " characters; a message may have at most " + MAX_LENGTH + ".");
        }
        String problem = placeholderProblem(templateId, body);
        if (problem != null) {
            return new Outcome(true, problem);
        }
        return transactions.execute(tx -> {
            Integer last = jdbc.queryForObject(
                    "select max(version) from message_template_version where template_id = ? and language = ? "
                            + "and department = ?",
                    Integer.class,
                    templateId,
                    language,
                    dept);
            int version = last == null ? 1 : last + 1;
            jdbc.update(
                    "insert into message_template_version (id, template_id, language, department, version, body, status, "
                            + "drafted_by, drafted_at) values (?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?)",
                    UUID.randomUUID().toString(),
                    templateId,
                    language,
                    dept,
                    version,
                    body,
                    user,
                    Timestamp.from(clock.instant()));
            log.info(
                    "Template {} ({}{}) version {} drafted by {}",
                    templateId,
                    language,
                    dept.isEmpty() ? "" : ", " + dept,
                    version,
                    user);
            return new Outcome(
                    false,
                    "Version " + version + " of " + templateId + " (" + language
                            + ") is saved and waits for a clinical reviewer. Patients get it once it is approved.");
        });
    }

    /** The placeholders must be known ones, and {when} must be where the English has it (and only there). */
    private String placeholderProblem(String templateId, String body) {
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                return "Unknown placeholder {" + m.group(1)
                        + "}: use {organisation}, {helpLine}, {when}, {link}, {code} or {words}.";
            }
        }
        // a time or a link the message states must be in every version of it, and only there
        String english = String.valueOf(templates.shipped("", "en", templateId));
        Map<String, String[]> stated = Map.of(
                "when", new String[] {"say when", "time to state"},
                "link", new String[] {"give the link", "link to give"},
                "code", new String[] {"give the code", "code to give"},
                "words", new String[] {"hold the clinician's words", "clinician's words to hold"});
        for (var entry : stated.entrySet()) {
            String placeholder = "{" + entry.getKey() + "}";
            if (english.contains(placeholder) && !body.contains(placeholder)) {
                return "The text must " + entry.getValue()[0] + ", with " + placeholder + ", as the English does.";
            }
            if (!english.contains(placeholder) && body.contains(placeholder)) {
                return "This message has no " + entry.getValue()[1] + ": " + placeholder + " cannot be used in it.";
            }
        }
        return null;
    }

    @Override
    public Outcome approve(String versionId, String user) {
        Outcome outcome = transactions.execute(tx -> {
            Version v = locked(versionId);
            if (v == null) {
                return new Outcome(true, "There is no such template version.");
            }
            if (!"DRAFT".equals(v.status())) {
                return new Outcome(
                        true,
                        "Version " + v.version() + " of " + v.templateId() + " is "
                                + v.status().toLowerCase() + ", not a draft waiting for review.");
            }
            if (v.draftedBy().equals(user)) {
                return new Outcome(true, "A draft is approved by a clinical reviewer other than its author.");
            }
            Timestamp now = Timestamp.from(clock.instant());
            int replaced = jdbc.update(
                    "update message_template_version set status = 'RETIRED', retired_by = ?, retired_at = ?, note = ? "
                            + "where template_id = ? and language = ? and department = ? and status = 'APPROVED'",
                    user,
                    now,
                    "Replaced by version " + v.version(),
                    v.templateId(),
                    v.language(),
                    v.department());
            jdbc.update(
                    "update message_template_version set status = 'APPROVED', reviewed_by = ?, reviewed_at = ? "
                            + "where id = ? and status = 'DRAFT'",
                    user,
                    now,
                    versionId);
            log.info(
                    "Template {} ({}) version {} approved by {}{}",
                    v.templateId(),
                    v.language(),
                    v.version(),
                    user,
                    replaced > 0 ? "; the version before it retired" : "");
            return new Outcome(
                    false,
                    "Version " + v.version() + " of " + v.templateId() + " (" + v.language()
                            + ") is approved: patients get it from now on.");
        });
        approved.changed();
        return outcome;
    }

    @Override
    public Outcome retire(String versionId, String user, String note) {
        Outcome outcome = transactions.execute(tx -> {
            Version v = locked(versionId);
            if (v == null) {
                return new Outcome(true, "There is no such template version.");
            }
            if ("RETIRED".equals(v.status())) {
                return new Outcome(true, "Version " + v.version() + " of " + v.templateId() + " is retired already.");
            }
            jdbc.update(
                    "update message_template_version set status = 'RETIRED', retired_by = ?, retired_at = ?, note = ? "
                            + "where id = ?",
                    user,
                    Timestamp.from(clock.instant()),
                    note == null || note.isBlank() ? null : note.length() > 400 ? note.substring(0, 400) : note,
                    versionId);
            log.info(
                    "Template {} ({}) version {} {} by {}",
                    v.templateId(),
                    v.language(),
                    v.version(),
                    "DRAFT".equals(v.status()) ? "turned down" : "retired",
                    user);
            return new Outcome(
                    false,
                    "DRAFT".equals(v.status())
                            ? "Version " + v.version() + " of " + v.templateId() + " (" + v.language()
                                    + ") is turned down."
                            : "Version " + v.version() + " of " + v.templateId() + " (" + v.language()
                                    + ") is retired: patients get the text approved before it.");
        });
        approved.changed();
        return outcome;
    }

    /** The version, its row locked until the transaction ends (two reviewers at once: one waits for the other). */
    private Version locked(String versionId) {
        List<Version> found = versions("where id = ? for update", List.of(versionId));
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Version> versions(String where, List<Object> args) {
        return jdbc.query(
                "select id, template_id, language, department, version, body, status, drafted_by, drafted_at, "
                        + "reviewed_by, reviewed_at, retired_by, retired_at, note from message_template_version "
                        + where,
                (rs, i) -> version(rs),
                args.toArray());
    }

    private Version version(ResultSet rs) throws SQLException {
        String language = rs.getString("language");
        String department = rs.getString("department");
        String body = rs.getString("body");
        return new Version(
                rs.getString("id"),
                rs.getString("template_id"),
                language,
                department,
                rs.getInt("version"),
                body,
                preview(body, language, department),
                rs.getString("status"),
                rs.getString("drafted_by"),
                instant(rs.getTimestamp("drafted_at")),
                rs.getString("reviewed_by"),
                instant(rs.getTimestamp("reviewed_at")),
                rs.getString("retired_by"),
                instant(rs.getTimestamp("retired_at")),
                rs.getString("note"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
