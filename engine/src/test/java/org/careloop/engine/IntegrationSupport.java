package org.careloop.engine;

import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.careloop.engine.channels.sms.TwilioSignature;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/** HTTP helpers for integration tests that drive CareLoop as an EHR, an SMS provider and a nurse would. */
public abstract class IntegrationSupport {

    public static final String AUTH_TOKEN = "it-auth-token";
    public static final String ACCOUNT_SID = "ACit00000000000000000000000000000";
    public static final String OUR_NUMBER = "+16175550100";
    /** A number the simulated carrier lookup calls a landline. */
    public static final String LANDLINE = "+16175550777";
    /** A number the simulated carrier lookup calls out of service. */
    public static final String DISCONNECTED = "+16175550778";
    /** The default department's help line in the test stack. */
    public static final String HELP_LINE = "(617) 555-0111";
    /** The one number of the test stack whose handset the simulated carrier cannot reach. */
    public static final String UNREACHABLE_NUMBER = "+16175559901";
    /** A department of the test stack with quiet hours (08:00–21:00), and the id of the Organization it serves. */
    public static final String QUIET_DEPARTMENT = "quiet-clinic";

    protected static final FhirContext FHIR = FhirContext.forR4Cached();

    static {
        // a failed rest-hook delivery on HAPI's own threads is not a failure of the test that happens to be waiting
        org.awaitility.Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @Autowired
    @Qualifier("engineJdbc")
    protected JdbcTemplate engineDb;

    @Autowired
    protected org.camunda.bpm.engine.RuntimeService runtime;

    @Autowired
    protected org.camunda.bpm.engine.TaskService tasks;

    @Autowired
    protected org.camunda.bpm.engine.HistoryService history;

    /**
     * Claims a task for a user as the task list does: made again if the acknowledgement beside the task ended in
     * the same moment and the engine moved the task.
     */
    protected void claim(String taskId, String user) {
        org.careloop.engine.handoff.TaskChanges.retriedOnConflict(() -> tasks.claim(taskId, user));
    }

    @Autowired
    protected org.camunda.bpm.engine.ManagementService management;

    @Autowired
    protected ca.uhn.fhir.jpa.api.dao.DaoRegistry daos;

    /** A rest-hook Subscription, as an EHR asks for one: requested, delivering JSON to the endpoint. */
    static org.hl7.fhir.r4.model.Subscription restHookSubscription(String criteria, String endpoint, String reason) {
        org.hl7.fhir.r4.model.Subscription subscription = new org.hl7.fhir.r4.model.Subscription();
        subscription.setStatus(org.hl7.fhir.r4.model.Subscription.SubscriptionStatus.REQUESTED);
        subscription.setReason(reason);
        subscription.setCriteria(criteria);
        subscription
                .getChannel()
                .setType(org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(endpoint)
                .setPayload("application/fhir+json");
        return subscription;
    }

    /** A patient written straight to FHIR, with a mobile number and a preferred language. */
    protected String patient(
            String mobile, String language, java.util.function.Consumer<org.hl7.fhir.r4.model.Patient> more) {
        org.hl7.fhir.r4.model.Patient patient = new org.hl7.fhir.r4.model.Patient();
        patient.addName(
                new org.hl7.fhir.r4.model.HumanName().setFamily("Scenario").addGiven("Pat"));
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1958-04-02"));
        patient.addTelecom()
                .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                .setUse(org.hl7.fhir.r4.model.ContactPoint.ContactPointUse.MOBILE)
                .setValue(mobile);
        patient.addCommunication()
                .setPreferred(true)
                .setLanguage(new org.hl7.fhir.r4.model.CodeableConcept(
                        new org.hl7.fhir.r4.model.Coding("urn:ietf:bcp:47", language, null)));
        more.accept(patient);
        return daos.getResourceDao(org.hl7.fhir.r4.model.Patient.class)
                .create(patient, new ca.uhn.fhir.rest.api.server.SystemRequestDetails())
                .getId()
                .getIdPart();
    }

    /** A finished inpatient stay, discharged home two hours ago, written to FHIR: the program enrols the patient. */
    protected org.camunda.bpm.engine.runtime.ProcessInstance enrolByDischarge(String patientId, String program) {
        org.hl7.fhir.r4.model.Encounter stay = new org.hl7.fhir.r4.model.Encounter();
        stay.setStatus(org.hl7.fhir.r4.model.Encounter.EncounterStatus.FINISHED);
        stay.setClass_(new org.hl7.fhir.r4.model.Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        stay.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patientId));
        java.time.Instant discharge = ClockUtil.now().toInstant().minus(Duration.ofHours(2));
        stay.setPeriod(new org.hl7.fhir.r4.model.Period()
                .setStart(java.util.Date.from(discharge.minus(Duration.ofDays(3))))
                .setEnd(java.util.Date.from(discharge)));
        String encounterId = daos.getResourceDao(org.hl7.fhir.r4.model.Encounter.class)
                .create(stay, new ca.uhn.fhir.rest.api.server.SystemRequestDetails())
                .getId()
                .getIdPart();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> runtime.createProcessInstanceQuery()
                                .processDefinitionKey("program-" + program)
                                .processInstanceBusinessKey(program + ":" + encounterId)
                                .count()
                        == 1);
        return runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(program + ":" + encounterId)
                .singleResult();
    }

    protected record Booking(String patientId, String phone, String appointmentId) {}

    /** A patient reachable only by a home phone, and an appointment whose 72-hour reminder is due at once. */
    protected Booking landlinePatientBooked(String language) {
        Landline landline = landlinePatient(language);
        String patientId = landline.patientId();
        String phone = landline.phone();
        java.time.Instant start = ClockUtil.now()
                .toInstant()
                .plus(Duration.ofHours(50))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        org.hl7.fhir.r4.model.Appointment appointment = new org.hl7.fhir.r4.model.Appointment();
        appointment.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(java.util.Date.from(start));
        appointment.setEnd(java.util.Date.from(start.plus(Duration.ofMinutes(30))));
        appointment
                .addParticipant()
                .setActor(new org.hl7.fhir.r4.model.Reference("Patient/" + patientId))
                .setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.NEEDSACTION);
        String appointmentId =
                fhirAs("ehr").create().resource(appointment).execute().getId().getIdPart();
        return new Booking(patientId, phone, appointmentId);
    }

    /** A patient and the one phone they have. */
    protected record Landline(String patientId, String phone) {}

    /** A patient whose only phone is a home phone, a landline (which takes no texts), speaking the language. */
    protected Landline landlinePatient(String language) {
        String phone = TestNumbers.unused("+1617554");
        String patientId = patient(phone, language, p -> {
            p.getTelecom().clear();
            p.addTelecom()
                    .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                    .setUse(org.hl7.fhir.r4.model.ContactPoint.ContactPointUse.HOME)
                    .setValue(phone);
        });
        return new Landline(patientId, phone);
    }

    /** An active chronic condition of the patient, as the EHR writes it over FHIR; returns its id. */
    protected String chronicCondition(String patientId, String snomed, String display) {
        var condition = new org.hl7.fhir.r4.model.Condition();
        condition.setClinicalStatus(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        condition.setVerificationStatus(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
        condition.setCode(new org.hl7.fhir.r4.model.CodeableConcept(
                new org.hl7.fhir.r4.model.Coding("http://snomed.info/sct", snomed, display)));
        condition.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patientId));
        return fhirAs("ehr").create().resource(condition).execute().getId().getIdPart();
    }

    /** An Appointment as the EHR reads it over FHIR. */
    protected org.hl7.fhir.r4.model.Appointment appointment(String appointmentId) {
        return fhirAs("ehr")
                .read()
                .resource(org.hl7.fhir.r4.model.Appointment.class)
                .withId(appointmentId)
                .execute();
    }

    /** Lets the program's first check-in fall due now, rather than a day after discharge; returns the conversation. */
    protected org.camunda.bpm.engine.runtime.ProcessInstance firstCheckIn(
            org.camunda.bpm.engine.runtime.ProcessInstance program) {
        management.executeJob(management
                .createJobQuery()
                .timers()
                .processInstanceId(program.getId())
                .singleResult()
                .getId());
        return runtime.createProcessInstanceQuery()
                .superProcessInstanceId(program.getId())
                .singleResult();
    }

    protected final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected abstract int port();

    protected String url(String path) {
        return "http://localhost:" + port() + path;
    }

    static final String BOUNCE_MAILBOX = "bounces@springfield-general.example";
    static final String REPLIES_MAILBOX = "replies@springfield-general.example";

    /** Settings every stack test shares: the port, and the SMS simulator standing in for the provider. */
    static void stackProperties(org.springframework.test.context.DynamicPropertyRegistry registry, int port) {
        registry.add("server.port", () -> port);
        registry.add("server.address", () -> "127.0.0.1");
        // as behind a TLS-terminating proxy on this machine: X-Forwarded-Proto tells whether the caller used TLS
        registry.add("server.forward-headers-strategy", () -> "native");
        registry.add("careloop.fhir.subscription.allowed-endpoints", () -> "http://127.0.0.1:");
        registry.add("careloop.public-base-url", () -> "http://localhost:" + port);
        registry.add("careloop.sms.provider", () -> "simulator");
        registry.add("careloop.sms.twilio.base-url", () -> "http://localhost:" + port + "/simulator/twilio");
        registry.add("careloop.sms.twilio.account-sid", () -> ACCOUNT_SID);
        registry.add("careloop.sms.twilio.auth-token", () -> AUTH_TOKEN);
        registry.add("careloop.sms.twilio.from", () -> OUR_NUMBER);
        // the simulated carrier takes any rate (SmsSendHandlerTest proves the per-sender limit)
        registry.add("careloop.sms.rate-per-sender", () -> "0");
        // a help line one can dial: an automated call's 0 puts the patient through to it
        registry.add("careloop.outreach.help-line", () -> HELP_LINE);
        // numbers the simulated carrier lookup calls a landline and out of service (CarrierLookupH2IT)
        registry.add("careloop.sms.simulator.landlines", () -> LANDLINE);
        registry.add("careloop.sms.simulator.disconnected", () -> DISCONNECTED);
        registry.add("careloop.demo.load-data", () -> "false");
        // a handset the simulated carrier cannot reach: its messages end undelivered, error 30003
        registry.add("careloop.sms.simulator.unreachable", () -> UNREACHABLE_NUMBER);
        // sweeps run when a test asks for one, never by the clock
        registry.add("careloop.care-gaps.first-sweep", () -> "P1D");
        // no quiet hours by default, so that no test depends on the hour it runs at; one department keeps them
        registry.add("careloop.outreach.send-from", () -> "00:00");
        registry.add("careloop.outreach.send-until", () -> "24:00");
        // nor on how many messages earlier tests sent (SendingScheduleTest proves the caps)
        registry.add("careloop.outreach.caps.enabled", () -> "false");
        registry.add("careloop.departments.list." + QUIET_DEPARTMENT + ".send-from", () -> "08:00");
        registry.add("careloop.departments.list." + QUIET_DEPARTMENT + ".send-until", () -> "21:00");
        registry.add("careloop.departments.list." + QUIET_DEPARTMENT + ".organizations", () -> QUIET_DEPARTMENT);
        registry.add("camunda.bpm.job-execution.max-wait", () -> "500");
        registry.add("careloop.outbox.poll-interval", () -> "500ms");
        // email through a real SMTP server: the simulated one, on a port of its own
        int mailPort = TestPorts.free();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> mailPort);
        registry.add("careloop.email.enabled", () -> "true");
        registry.add("careloop.email.simulator", () -> "true");
        registry.add("careloop.email.from", () -> "care@springfield-general.example");
        registry.add("careloop.email.postal-address", () -> "1 Main Street, Springfield, MA 01101");
        // the bounce mailbox: the envelope sender of every email, read over IMAP (the simulated server serves it);
        // the tests read it when they ask
        int imapPort = TestPorts.free();
        registry.add("spring.mail.properties.mail.smtp.from", () -> BOUNCE_MAILBOX);
        registry.add("careloop.email.bounces.host", () -> "127.0.0.1");
        registry.add("careloop.email.bounces.port", () -> imapPort);
        registry.add("careloop.email.bounces.ssl", () -> "false");
        registry.add("careloop.email.bounces.username", () -> BOUNCE_MAILBOX);
        registry.add("careloop.email.bounces.password", () -> "bounce-mailbox-password");
        registry.add("careloop.email.bounces.poll-interval", () -> "1h");
        // the replies mailbox (Reply-To of every email), on the same server; the tests read it when they need
        registry.add("careloop.email.replies.host", () -> "127.0.0.1");
        registry.add("careloop.email.replies.port", () -> imapPort);
        registry.add("careloop.email.replies.ssl", () -> "false");
        registry.add("careloop.email.replies.username", () -> REPLIES_MAILBOX);
        registry.add("careloop.email.replies.password", () -> "replies-mailbox-password");
        registry.add("careloop.email.replies.poll-interval", () -> "1h");
    }

    @AfterAll
    static void resetEngineClock() {
        ClockUtil.reset();
    }

    /** A FHIR client signed in as the demo EHR API client. */
    protected IGenericClient fhirAs(String user) {
        IGenericClient client = fhirClient();
        client.registerInterceptor(new BasicAuthInterceptor(user, "demo"));
        return client;
    }

    /**
     * A FHIR client of the stack, without credentials. It waits a minute for an answer (HAPI's client gives up after
     * 10 s): a large transaction on a node just started, on a slow machine, can take longer than that.
     */
    private IGenericClient fhirClient() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
        return FHIR.newRestfulGenericClient(url("/fhir"));
    }

    /** The token endpoint's answer to a client-credentials request, the client's secret sent by HTTP Basic. */
    protected HttpResponse<String> requestToken(String client, String secret, String scope) {
        String credentials =
                Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        form(Map.of("grant_type", "client_credentials", "scope", scope))))
                .build());
    }

    /** A bearer token for a demo API client with the given scopes. */
    protected String bearerToken(String client, String secret, String scope) {
        HttpResponse<String> response = requestToken(client, secret, scope);
        org.assertj.core.api.Assertions.assertThat(response.statusCode())
                .as(response.body())
                .isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        org.assertj.core.api.Assertions.assertThat(token.find()).isTrue();
        return token.group(1);
    }

    /** A FHIR client that presents a bearer token. */
    protected IGenericClient fhirWithToken(String token) {
        IGenericClient client = fhirClient();
        client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(token));
        return client;
    }

    /** A GET with a bearer token. */
    protected HttpResponse<String> getWithToken(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    protected Bundle sampleBundle(String file) throws IOException {
        String json = Files.readString(Path.of("src/test/resources/fhir-samples", file));
        return FHIR.newJsonParser().parseResource(Bundle.class, json);
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path, String user) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return send(request.build());
    }

    protected HttpResponse<String> postFhir(String path, String user, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return send(request.build());
    }

    protected static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    protected static String newMessageSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Form parameters of an incoming SMS, as the provider sends them. */
    protected static Map<String, String> incomingSms(String sid, String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("AccountSid", ACCOUNT_SID);
        params.put("From", from);
        params.put("To", OUR_NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }

    protected HttpResponse<String> webhook(String path, Map<String, String> params, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return send(request.build());
    }

    /** An incoming SMS signed as the provider signs it, over the public URL. */
    protected HttpResponse<String> signedSms(Map<String, String> params) {
        String path = "/webhooks/twilio/sms";
        return webhook(path, params, TwilioSignature.sign(AUTH_TOKEN, url(path), params));
    }

    protected static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The bodies of the messages of one approved template the provider accepted (or delivered) for a patient. */
    protected List<String> sent(String patientId, String template) {
        return engineDb
                .queryForList(
                        "select body from outbound_message where patient_id = ? and template_id = ? "
                                + "and status in ('SENT', 'DELIVERED')",
                        String.class,
                        patientId,
                        template)
                .stream()
                .map(stored -> cipher.open(stored, org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY))
                .toList();
    }

    /** Message bodies are stored sealed: the tests read them as CareLoop does. */
    @Autowired
    protected org.careloop.engine.crypto.PhiCipher cipher;

    /** The number (or address) the patient's first message went to, stored sealed: opened as CareLoop does. */
    protected String firstContactOf(String patientId) {
        return cipher.open(
                engineDb.queryForObject(
                        "select to_number from outbound_message where patient_id = ? order by created_at "
                                + "fetch first 1 rows only",
                        String.class,
                        patientId),
                org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO);
    }

    /** Waits for the patient's one open task in a team's queue, and returns it. */
    protected org.camunda.bpm.engine.task.Task awaitTask(String patientId, String team) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processVariableValueEquals("patientId", patientId)
                                .taskCandidateGroup(team)
                                .count()
                        == 1);
        return tasks.createTaskQuery()
                .processVariableValueEquals("patientId", patientId)
                .taskCandidateGroup(team)
                .singleResult();
    }

    /** A patient's reply, signed as the provider signs it. */
    protected void replyFrom(String mobile, String text) {
        org.assertj.core.api.Assertions.assertThat(
                        signedSms(incomingSms(newMessageSid(), mobile, text)).statusCode())
                .isEqualTo(200);
    }

    /** A process model sent to the deployment API as Camunda Modeler sends it (multipart form). */
    protected HttpResponse<String> deployModel(String user, String fileName, String xml) {
        String boundary = "careloop" + java.util.UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nprobe\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName
                + "\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
        return send(HttpRequest.newBuilder(URI.create(url("/api/engine/deployment/create")))
                .header("Authorization", basic(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Waits until no due outbox event is left, and fails if any event has failed for good. */
    protected void awaitOutboxDrained() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbox_event where status in ('PENDING','PROCESSING') "
                                        + "and next_attempt_at <= ?",
                                Integer.class,
                                java.sql.Timestamp.from(ClockUtil.now().toInstant()))
                        == 0);
        org.assertj.core.api.Assertions.assertThat(engineDb.queryForList(
                        "select kind || ': ' || coalesce(last_error, '') from outbox_event where status = 'FAILED'",
                        String.class))
                .as("outbox events that failed for good")
                .isEmpty();
    }

    /** The second factors the tests' users set up, by user: their TOTP keys. */
    static final Map<String, String> SECOND_FACTORS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final Map<String, Long> LAST_STEPS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The code an authenticator app shows for the key, for a time step after the last one this user gave (a step's
     * code is accepted once; the next step's is accepted already).
     */
    static String totp(String user, String key) {
        long now = java.time.Instant.now().getEpochSecond() / 30;
        long step = LAST_STEPS.merge(user, now, (last, current) -> Math.max(current, last + 1));
        try {
            return new dev.samstevens.totp.code.DefaultCodeGenerator(dev.samstevens.totp.code.HashingAlgorithm.SHA1, 6)
                    .generate(key, step);
        } catch (dev.samstevens.totp.exceptions.CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A person in a browser: signs in with the form (and a second factor where asked), keeps the session cookie, sends CSRF tokens. */
    protected final class Browser {
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private String lastPage = "";

        public Browser signIn(String user) {
            HttpResponse<String> login = get("/login");
            HttpResponse<String> response =
                    post("/login", Map.of("username", user, "password", "demo", "_csrf", csrf(login.body())));
            String next = response.headers().firstValue("Location").orElse("");
            if (response.statusCode() != 302 || next.contains("error")) {
                throw new IllegalStateException("Sign-in failed for " + user);
            }
            if (next.endsWith("/login/second-factor/setup")) {
                // the first sign-in where a second factor is required: set one up, as a person with an app would
                Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<")
                        .matcher(get("/login/second-factor/setup").body());
                if (!secret.find()) {
                    throw new IllegalStateException("No key on the set-up page");
                }
                String key = secret.group(1).replace(" ", "");
                next = submit("/login/second-factor/setup", Map.of("code", totp(user, key)))
                        .headers()
                        .firstValue("Location")
                        .orElse("");
                SECOND_FACTORS.put(user, key);
            } else if (next.endsWith("/login/second-factor")) {
                get("/login/second-factor");
                next = submit("/login/second-factor", Map.of("code", totp(user, SECOND_FACTORS.get(user))))
                        .headers()
                        .firstValue("Location")
                        .orElse("");
            }
            if (next.contains("/login")) {
                throw new IllegalStateException("Second factor refused for " + user);
            }
            return this;
        }

        public HttpResponse<String> get(String path) {
            HttpResponse<String> response =
                    exchange(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
            lastPage = response.body();
            return response;
        }

        /** Posts a form from the last page read, with its CSRF token. */
        public HttpResponse<String> submit(String path, Map<String, String> fields) {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf(lastPage));
            return post(path, all);
        }

        private HttpResponse<String> post(String path, Map<String, String> fields) {
            return exchange(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                    .build());
        }

        private HttpResponse<String> exchange(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private String csrf(String page) {
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("No CSRF token on the page");
            }
            return m.group(1);
        }
    }
}
