package org.careloop.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's features ({@code org.careloop.engine.<feature>}) depend on each other without cycles, and the shared
 * pieces below them (outbox, contact, config, fhir) know nothing of the features that use them.
 */
class ModuleBoundariesTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.careloop.engine");
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        slices().matching("org.careloop.engine.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void theOutboxKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("org.careloop.engine.outbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(features())
                .check(engine);
    }

    @Test
    void contactValidationAndTheFhirMirrorKnowNoFeature() {
        noClasses()
                .that()
                .resideInAnyPackage("org.careloop.engine.contact..", "org.careloop.engine.fhir..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(features())
                .check(engine);
    }

    @Test
    void onlyAChannelTalksToItsProvider() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.careloop.engine.channels..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.careloop.engine.channels..")
                .because("features reach patients through outreach, and hear them through conversation")
                .check(engine.that(com.tngtech.archunit.base.DescribedPredicate.not(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                                "org.careloop.engine.demo..",
                                "org.careloop.engine.security..",
                                "org.careloop.engine"))));
    }

    @Test
    void onlyTheEnginesOwnSecurityConfiguresWebSecurity() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.careloop.engine.security..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework.security.config..")
                .check(engine);
    }

    private static String[] features() {
        return new String[] {
            "org.careloop.engine.ai..",
            "org.careloop.engine.channels..",
            "org.careloop.engine.conversation..",
            "org.careloop.engine.demo..",
            "org.careloop.engine.deployment..",
            "org.careloop.engine.handoff..",
            "org.careloop.engine.outreach..",
            "org.careloop.engine.programs..",
            "org.careloop.engine.security..",
            "org.careloop.engine.triage.."
        };
    }
}
