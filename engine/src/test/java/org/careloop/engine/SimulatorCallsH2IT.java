package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;

/** The simulator page in a real browser: a call to a patient's landline shows what it says and a keypad. */
class SimulatorCallsH2IT extends BrowserStackTest {

    @Test
    void aCallShowsItsWordsAndAKeypadWhosePressConfirmsTheAppointment() {
        Booking booking = landlinePatientBooked("en");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message where patient_id = ? and channel = 'voice' "
                                        + "and status in ('SENT', 'DELIVERED')",
                                Integer.class,
                                booking.patientId())
                        == 1);
        Page page = browser.signedIn("nurse");
        var key = page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Press 1 on the call to " + booking.phone()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            page.navigate("/simulator");
            return key.count() == 1;
        });
        assertThat(page.locator(".phone", new Page.LocatorOptions().setHasText(booking.phone()))
                        .innerText())
                .contains("Call (en-US): This is an automated call from Springfield General")
                .contains("To confirm it, press 1");
        Chromium.assertAccessible(page);

        key.click();

        assertThat(page.locator(".flash.ok").innerText())
                .isEqualTo("Pressed 1 on the call to " + booking.phone() + ".");
        assertThat(page.getByRole(
                                AriaRole.BUTTON,
                                new Page.GetByRoleOptions().setName("Press 1 on the call to " + booking.phone()))
                        .count())
                .as("the call ended: no keypad")
                .isZero();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> appointment(booking.appointmentId())
                                .getParticipantFirstRep()
                                .getStatus()
                        == Appointment.ParticipationStatus.ACCEPTED);
    }

    @Test
    void aCallAskingForAReadingTakesItOnTheKeypadAndTheReadingIsRecorded() {
        Landline patient = landlinePatient("en");
        chronicCondition(patient.patientId(), "44054006", "Diabetes mellitus type 2");
        Page page = browser.signedIn("nurse");
        var entry = page.getByLabel("Enter on the keypad of " + patient.phone() + " (then # is pressed)");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            page.navigate("/simulator");
            return entry.count() == 1;
        });
        assertThat(page.locator(".phone", new Page.LocatorOptions().setHasText(patient.phone()))
                        .innerText())
                .contains("for your blood sugar check-in");
        Chromium.assertAccessible(page);

        entry.fill("120");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enter"))
                .click();

        assertThat(page.locator(".flash.ok").innerText())
                .isEqualTo("Pressed 120 on the call to " + patient.phone() + ".");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from inbound_message where patient_id = ? and channel = 'voice'",
                                Integer.class,
                                patient.patientId())
                        == 1);
        page.navigate("/simulator");
        assertThat(page.locator(".phone", new Page.LocatorOptions().setHasText(patient.phone()))
                        .innerText())
                .contains("Thank you, we have your reading and your care team will see it.");
    }
}
