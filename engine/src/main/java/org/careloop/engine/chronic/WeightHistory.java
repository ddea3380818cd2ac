package org.careloop.engine.chronic;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.rules.chronic.Reading;
import org.careloop.rules.chronic.ReadingThresholds;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.springframework.stereotype.Component;

/**
 * Judges a reading by the thresholds; a weight against the patient's own weights in FHIR: the gain since about a
 * day before (18 to 36 hours) and since the earliest weight of the past week.
 */
@Component
class WeightHistory {

    private final DaoRegistry daos;

    WeightHistory(DaoRegistry daos) {
        this.daos = daos;
    }

    /** @param department the patient's department, whose own threshold rows come first */
    ReadingThresholds.Verdict judge(
            ReadingThresholds thresholds, String patientId, Reading value, Instant at, String department) {
        if (!"weight".equals(value.kind())) {
            return thresholds.judge(value, null, null, department);
        }
        return thresholds.judge(
                value,
                gain(patientId, value, at, Duration.ofHours(18), Duration.ofHours(36)),
                gain(patientId, value, at, Duration.ofHours(24), Duration.ofDays(7)),
                department);
    }

    /**
     * Pounds gained since the patient's earliest weight between {@code from} and {@code to} ago, or null without
     * one.
     */
    Double gain(String patientId, Reading now, Instant at, Duration from, Duration to) {
        SearchParameterMap search = new SearchParameterMap()
                .setLoadSynchronous(true)
                .add(Observation.SP_PATIENT, new ReferenceParam("Patient/" + patientId))
                .add(Observation.SP_CODE, new TokenParam(FhirRecords.LOINC, "29463-7"))
                .add(
                        Observation.SP_DATE,
                        new DateRangeParam(
                                new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, Date.from(at.minus(to))),
                                new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, Date.from(at.minus(from)))));
        List<Observation> earlier =
                daos
                        .getResourceDao(Observation.class)
                        .search(search, new SystemRequestDetails())
                        .getAllResources()
                        .stream()
                        .map(Observation.class::cast)
                        .filter(o -> o.hasValueQuantity() && o.hasEffectiveDateTimeType())
                        .sorted(Comparator.comparing(
                                o -> o.getEffectiveDateTimeType().getValue()))
                        .toList();
        if (earlier.isEmpty()) {
            return null;
        }
        Quantity first = earlier.get(0).getValueQuantity();
        double pounds = "kg".equals(first.getCode())
                ? first.getValue().doubleValue() * 2.20462
                : first.getValue().doubleValue();
        return now.pounds() - pounds;
    }
}
