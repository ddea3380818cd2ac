package org.careloop.engine.programs;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import org.careloop.processes.ProcessBeans;
import org.springframework.stereotype.Component;

/**
 * BPMN timers: {@code ${schedule.after(dischargeTime, 'PT24H')}} is the clinical date plus an ISO-8601
 * offset written in the model, so analysts change the offset in Camunda Modeler.
 */
@Component(ProcessBeans.SCHEDULE)
public class Schedule {

    public Date after(String instant, String isoDuration) {
        return Date.from(parse(instant).plus(Duration.parse(isoDuration)));
    }

    public Date at(String instant) {
        return Date.from(parse(instant));
    }

    public Date before(String instant, String isoDuration) {
        return Date.from(parse(instant).minus(Duration.parse(isoDuration)));
    }

    /** Whether the instant lies more than the duration ahead of now (the engine's clock). */
    public boolean moreThanAhead(String instant, String isoDuration) {
        return org.camunda.bpm.engine.impl.util.ClockUtil.now()
                .toInstant()
                .plus(Duration.parse(isoDuration))
                .isBefore(parse(instant));
    }

    static Instant parse(String instant) {
        try {
            return Instant.parse(instant);
        } catch (RuntimeException e) {
            return OffsetDateTime.parse(instant).toInstant();
        }
    }
}
