package org.careloop.rules.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.careloop.rules.CareRules;
import org.careloop.rules.eligibility.DischargeFacts;
import org.careloop.rules.eligibility.PostDischargeEligibility;
import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.internal.io.ResourceFactory;

/**
 * Benchmark B1, not a test: 50,000 patients' discharges through CareLoop's eligibility API, beside a bare kie-dmn
 * loop on the same DMN file in the same run, one thread each, several rounds. Run with {@code bench/eligibility.sh}.
 */
public final class EligibilityThroughput {

    private EligibilityThroughput() {}

    public static void main(String[] args) {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<DischargeFacts> facts = patients(patients);

        long buildStart = System.nanoTime();
        PostDischargeEligibility careloop = new CareRules().postDischargeEligibility();
        double careloopBuild = (System.nanoTime() - buildStart) / 1e9;
        buildStart = System.nanoTime();
        Resource dmn = ResourceFactory.newClassPathResource(
                "org/careloop/rules/eligibility/post-discharge-eligibility.dmn", EligibilityThroughput.class);
        DMNRuntime bare = DMNRuntimeBuilder.fromDefaults()
                .buildConfiguration()
                .fromResources(List.of(dmn))
                .getOrElseThrow(RuntimeException::new);
        DMNModel model = bare.getModel(PostDischargeEligibility.NAMESPACE, PostDischargeEligibility.MODEL_NAME);
        double bareBuild = (System.nanoTime() - buildStart) / 1e9;

        double bestCareloop = Double.MAX_VALUE;
        double bestBare = Double.MAX_VALUE;
        int eligible = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            int yes = 0;
            for (DischargeFacts f : facts) {
                yes += careloop.decide(f).eligible() ? 1 : 0;
            }
            bestCareloop = Math.min(bestCareloop, (System.nanoTime() - start) / 1e9);
            eligible = yes;

            start = System.nanoTime();
            int bareYes = 0;
            for (DischargeFacts f : facts) {
                DMNContext context = bare.newContext();
                context.set("deceased", f.deceased());
                context.set("age", f.age());
                context.set("dischargeDisposition", f.dischargeDisposition());
                context.set("hoursSinceDischarge", f.hoursSinceDischarge());
                context.set("hasMobile", f.hasMobile());
                context.set("callable", f.callable());
                context.set("alreadyEnrolled", f.alreadyEnrolled());
                DMNResult result = bare.evaluateById(model, context, PostDischargeEligibility.DECISION_ID);
                Object row = result.getDecisionResultById(PostDischargeEligibility.DECISION_ID)
                        .getResult();
                bareYes += row instanceof java.util.Map<?, ?> m && Boolean.TRUE.equals(m.get("eligible")) ? 1 : 0;
            }
            bestBare = Math.min(bestBare, (System.nanoTime() - start) / 1e9);
            if (bareYes != yes) {
                throw new IllegalStateException("the two loops disagree: " + yes + " vs " + bareYes);
            }
        }
        System.out.printf(
                "B1 eligibility: %,d patients x 1 program DMN (post-discharge), best of %d rounds, one thread%n",
                patients, rounds);
        System.out.printf(
                "  CareLoop rules API: %.2f s (%,.0f decisions/s); knowledge base built in %.1f s%n",
                bestCareloop, patients / bestCareloop, careloopBuild);
        System.out.printf(
                "  bare kie-dmn loop:  %.2f s (%,.0f decisions/s); runtime built in %.1f s%n",
                bestBare, patients / bestBare, bareBuild);
        System.out.printf(
                "  ratio CareLoop / bare: %.2f; %,d of %,d eligible%n", bestCareloop / bestBare, eligible, patients);
    }

    /** Discharges spread over every row of the table: ages, dispositions, hours, contact, earlier enrolment. */
    static List<DischargeFacts> patients(int count) {
        Random random = new Random(42);
        String[] dispositions = {"home", "01", "hosp", "02", "snf", "03", "exp", "20", "oth", null};
        List<DischargeFacts> facts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            facts.add(new DischargeFacts(
                    random.nextInt(100) == 0,
                    random.nextInt(20) == 0 ? null : 1 + random.nextInt(99),
                    dispositions[random.nextInt(dispositions.length)],
                    (long) random.nextInt(120) - 4,
                    random.nextInt(10) != 0,
                    random.nextInt(2) == 0,
                    random.nextInt(15) == 0));
        }
        return facts;
    }
}
