package org.careloop.forms.templates;

import java.time.Instant;
import java.util.List;

/**
 * What the template pages need from the engine: the patient message templates in use, and their review. A version
 * is drafted by an analyst or a clinical reviewer and is sent to patients only once a clinical reviewer other than
 * its author approves it (draft → approved → retired); each step is recorded with who and when.
 */
public interface TemplateReview {

    /**
     * The text sent today for one template, language and department.
     *
     * @param department {@code ""} for every department
     * @param version    the approved version, or null for the text shipped (and approved) with the release
     * @param preview    the text as a patient receives it: the department's name and help line filled in, and a
     *                   sample date and time
     */
    record Current(
            String templateId,
            String language,
            String department,
            String text,
            String preview,
            Integer version,
            String approvedBy,
            Instant approvedAt) {}

    /** One version drafted after the release, with its review. */
    record Version(
            String id,
            String templateId,
            String language,
            String department,
            int version,
            String text,
            String preview,
            String status,
            String draftedBy,
            Instant draftedAt,
            String reviewedBy,
            Instant reviewedAt,
            String retiredBy,
            Instant retiredAt,
            String note) {}

    /** What a request did, in words for the page: done, or refused and why (then nothing changed). */
    record Outcome(boolean refused, String message) {}

    List<Current> inUse();

    /** Drafts waiting for a clinical reviewer, oldest first. */
    List<Version> waiting();

    /** Every version of one template, language and department drafted after the release, newest first. */
    List<Version> history(String templateId, String language, String department);

    /** The template ids (every message CareLoop can send). */
    List<String> templateIds();

    /** The configured departments' ids. */
    List<String> departments();

    /** The text as a patient of the department would receive it, for counting its length. */
    String preview(String text, String language, String department);

    Outcome draft(String templateId, String language, String department, String text, String user);

    Outcome approve(String versionId, String user);

    /** Retires an approved version (the text before it is sent again) or turns a draft down. */
    Outcome retire(String versionId, String user, String note);
}
