package org.careloop.engine.outreach;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often a program may message one patient ({@code careloop.outreach.caps.*}): at most {@code per-day} messages
 * in any 24 hours and {@code per-week} in any 7 days, per program, unless the program has limits of its own
 * ({@code programs.<program>.per-day}, {@code .per-week}). Answers to what the patient wrote are never capped. A
 * message over a cap waits for the earliest time it fits; it is deferred, never dropped.
 */
@ConfigurationProperties("careloop.outreach.caps")
public class FrequencyCaps {

    private boolean enabled = true;
    private int perDay = 1;
    private int perWeek = 3;
    private Map<String, Limits> programs = new LinkedHashMap<>();

    /** One program's limits; unset values take the defaults. */
    public static class Limits {
        private Integer perDay;
        private Integer perWeek;

        public Integer getPerDay() {
            return perDay;
        }

        public void setPerDay(Integer perDay) {
            this.perDay = perDay;
        }

        public Integer getPerWeek() {
            return perWeek;
        }

        public void setPerWeek(Integer perWeek) {
            this.perWeek = perWeek;
        }
    }

    /** The limits of a program: {per day, per week}. */
    int[] of(String program) {
        Limits own = program == null ? null : programs.get(program);
        return new int[] {
            own != null && own.getPerDay() != null ? own.getPerDay() : perDay,
            own != null && own.getPerWeek() != null ? own.getPerWeek() : perWeek
        };
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getPerDay() {
        return perDay;
    }

    public void setPerDay(int perDay) {
        this.perDay = perDay;
    }

    public int getPerWeek() {
        return perWeek;
    }

    public void setPerWeek(int perWeek) {
        this.perWeek = perWeek;
    }

    public Map<String, Limits> getPrograms() {
        return programs;
    }

    public void setPrograms(Map<String, Limits> programs) {
        this.programs = programs;
    }
}
