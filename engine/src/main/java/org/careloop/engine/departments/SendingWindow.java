package org.careloop.engine.departments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours of the day in which a program may message a patient, in the patient's local time: from {@code from}
 * (inclusive) until {@code until} (exclusive; {@code 24:00} is the end of the day). Correct across daylight-saving
 * changes: the hours are read on the patient's own clock of that day.
 *
 * @param from  minutes after local midnight, 0–1440
 * @param until minutes after local midnight, 0–1440, after {@code from}
 */
public record SendingWindow(int from, int until) {

    public SendingWindow {
        if (from < 0 || until > 24 * 60 || from >= until) {
            throw new IllegalArgumentException("Sending hours must run forward within one day");
        }
    }

    /** Reads {@code HH:mm} to {@code HH:mm} (e.g. {@code 08:00}, {@code 21:00}; {@code 24:00} for midnight). */
    public static SendingWindow of(String from, String until) {
        return new SendingWindow(minutes(from), minutes(until));
    }

    private static int minutes(String time) {
        if ("24:00".equals(time.strip())) {
            return 24 * 60;
        }
        LocalTime parsed = LocalTime.parse(time.strip());
        return parsed.getHour() * 60 + parsed.getMinute();
    }

    /** The stricter of two windows: the later start and the earlier end (never empty: then this one). */
    public SendingWindow within(SendingWindow other) {
        if (other == null) {
            return this;
        }
        int start = Math.max(from, other.from);
        int end = Math.min(until, other.until);
        return start < end ? new SendingWindow(start, end) : this;
    }

    /** The first moment at or after {@code at} that falls inside the window on the clock of {@code zone}. */
    public Instant earliest(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        if (minute >= from && minute < until) {
            return at;
        }
        LocalDate day =
                minute < from ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        // the window opens at its hour on the wall clock of that day, whatever the clocks did overnight (a start in
        // the hour skipped in spring opens when the clocks resume)
        return day.atTime(LocalTime.of(from / 60, from % 60)).atZone(zone).toInstant();
    }
}
