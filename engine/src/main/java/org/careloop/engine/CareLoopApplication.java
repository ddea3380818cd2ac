package org.careloop.engine;

import org.careloop.fhir.FhirFacadeConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** CareLoop in one JVM: Camunda, Drools, the HAPI FHIR facade, channels and the care team's pages. */
@SpringBootApplication(scanBasePackages = {"org.careloop.engine", "org.careloop.forms"})
@ConfigurationPropertiesScan("org.careloop.engine")
@EnableScheduling
@Import(FhirFacadeConfig.class)
public class CareLoopApplication {

    public static void main(String[] args) {
        SpringApplication.run(CareLoopApplication.class, args);
    }
}
