import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmarks B2 and B3, driving CareLoop from outside as an EHR and patients would.
 *
 * <p>B2: N discharges (Patient + Encounter, one FHIR transaction each, discharged a day ago so the first check-in
 * is due at once) written to /fhir by several EHR clients; then waits until the provider simulator has accepted a
 * first message for every patient. Prints the write rate, the end-to-end message rate, and its curve.
 *
 * <p>B3 (when a reply rate is given): while the campaign runs, patients who already have their check-in reply "I have
 * chest pain" through the signed SMS webhook at that rate; for each reply, the time to the acknowledgement accepted
 * by the provider, and to the nurse task visible through Camunda's REST API (as the admin).
 *
 * <p>With {@code -} for the simulator, only writes the discharges and prints their rate: the reference run against a
 * bare HAPI FHIR server ({@code bench/campaign.sh --bare-hapi}). With {@code -Dcampaign.records=true} as well
 * ({@code --bare-hapi --records}), each patient's transaction also holds the records CareLoop writes for a patient of
 * the campaign — the enrolment's {@code CarePlan}, the check-in's {@code Communication} as delivered and the two
 * {@code AuditEvent}s of the EHR's write, shaped as CareLoop shapes them — so that its rate is what the FHIR server
 * alone can store of a campaign on the same machine, in the cheapest way (one transaction a patient, each record
 * written once), with no engine, rules, queue or provider.
 *
 * <p>Compiled with {@code ProviderSimulator.java}, whose signing it shares; run by {@code bench/campaign.sh}.
 * Arguments: {@code CARELOOP_URL SIMULATOR_URL N [clients] [replies/s] [token] [admin-password]}
 */
public class Campaign {

    static final HttpClient HTTP = client();
    /** How long the wait for first messages goes on without progress (-Dcampaign.stall=seconds; 120 by default). */
    static final long STALL_MS = Long.getLong("campaign.stall", 120) * 1000;
    /**
     * B3 at a steady rate (-Dcampaign.responders=K): K patients are discharged before the campaign and wait for their
     * check-in; during the campaign they reply, one each, at the given rate. Their answers' times are read from the
     * provider simulator's own clock and the nurse tasks' from Camunda afterwards, so the measurement adds no polling
     * load however high the rate.
     */
    static final int RESPONDERS = Integer.getInteger("campaign.responders", 0);
    /** Polls of the provider simulator and of CareLoop's REST API each get a client of their own. */
    static final HttpClient POLL_SIMULATOR = client();
    static final HttpClient POLL_CARELOOP = client();

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A warm-up run (bench/campaign.sh --warm): the same work on numbers of its own (area codes 212 and 718, which the
     * measured run never uses), so the measured run's provider counts and acknowledgements are its own.
     */
    static final boolean WARMUP = Boolean.getBoolean("campaign.warmup");

    /** The bare HAPI reference with CareLoop's records of each patient (bench/campaign.sh --bare-hapi --records). */
    static final boolean RECORDS = Boolean.getBoolean("campaign.records");

    static final int[] AREAS = {508, 617, 781, 978, 413, 339, 351, 774, 857, 978};

    public static void main(String[] args) throws Exception {
        String[] nodes = args[0].split(",");
        String careloop = nodes[0];
        String simulator = args[1];
        int n = Integer.parseInt(args[2]);
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        double replyRate = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        String token = args.length > 5 ? args[5] : "";
        String password = args.length > 6 ? args[6] : "demo";
        String ehr = "Basic " + Base64.getEncoder().encodeToString(("ehr:" + password).getBytes(StandardCharsets.UTF_8));
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        String run = UUID.randomUUID().toString().substring(0, 8);
        boolean writesOnly = "-".equals(simulator);
        long before0 = writesOnly ? 0 : stat(simulator, "messages");
        long[] replyAt = new long[RESPONDERS];

        String[] patientIds = new String[n];
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            numbers.add(WARMUP
                    ? String.format("+1212555%04d", i % 10000)
                    : String.format("+1%d555%04d", AREAS[(i / 10000) % AREAS.length] + (i / 100000), i % 10000));
        }
        Instant discharged = Instant.now().minus(Duration.ofHours(24)).minus(Duration.ofMinutes(1));
        String[] responderIds = new String[RESPONDERS];
        List<String> responderNumbers = new ArrayList<>();
        if (RESPONDERS > 0 && replyRate > 0) {
            for (int i = 0; i < RESPONDERS; i++) {
                responderNumbers.add(String.format(WARMUP ? "+1718555%04d" : "+1646555%04d", i % 10000));
            }
            long warmStart = System.currentTimeMillis();
            ExecutorService warm = Executors.newFixedThreadPool(clients);
            for (int i = 0; i < RESPONDERS; i++) {
                int index = i;
                warm.submit(() -> {
                    try {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(nodes[index % nodes.length] + "/fhir"))
                                .header("Authorization", ehr).header("Content-Type", "application/fhir+json")
                                .POST(HttpRequest.BodyPublishers.ofString(bundle(run + "r", index, responderNumbers.get(index), discharged)))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        Matcher location = Pattern.compile("\"Patient/([^/\"]+)").matcher(r.body());
                        if (r.statusCode() == 200 && location.find()) {
                            responderIds[index] = location.group(1);
                        }
                    } catch (Exception e) {
                        // left out of the replies
                    }
                });
            }
            warm.shutdown();
            warm.awaitTermination(6, TimeUnit.HOURS);
            long accepted = java.util.Arrays.stream(responderIds).filter(java.util.Objects::nonNull).count();
            long last = -1;
            long progress = System.currentTimeMillis();
            while (stat(simulator, "messages") - before0 < accepted && System.currentTimeMillis() - progress < STALL_MS) {
                long now = stat(simulator, "messages");
                if (now > last) {
                    last = now;
                    progress = System.currentTimeMillis();
                }
                Thread.sleep(500);
            }
            System.out.printf("B3 %d responders discharged and holding their check-in in %.1f s, before the campaign%n",
                    accepted, (System.currentTimeMillis() - warmStart) / 1000.0);
        }
        long before = RESPONDERS > 0 && replyRate > 0 ? stat(simulator, "messages") : before0;
        long start = System.currentTimeMillis();
        List<String> points = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService curve = Executors.newSingleThreadScheduledExecutor();
        int[] nextMark = {1};
        curve.scheduleAtFixedRate(() -> {
            if (writesOnly) {
                return;
            }
            try {
                long messages = stat(simulator, "messages") - before;
                while (nextMark[0] <= 10 && messages >= (long) n * nextMark[0] / 10) {
                    long t = System.currentTimeMillis() - start;
                    points.add(String.format("%d%%: %.0f s (%.1f msg/s)", nextMark[0] * 10, t / 1000.0, messages * 1000.0 / t));
                    nextMark[0]++;
                }
            } catch (Exception e) {
                // the next sample will do
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
        ExecutorService writers = Executors.newFixedThreadPool(clients);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            int index = i;
            writers.submit(() -> {
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(nodes[index % nodes.length] + "/fhir"))
                            .header("Authorization", ehr).header("Content-Type", "application/fhir+json")
                            .POST(HttpRequest.BodyPublishers.ofString(bundle(run, index, numbers.get(index), discharged)))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    Matcher location = Pattern.compile("\"Patient/([^/\"]+)").matcher(r.body());
                    if (r.statusCode() == 200 && location.find()) {
                        patientIds[index] = location.group(1);
                    }
                    (r.statusCode() == 200 ? written : refused).incrementAndGet();
                    if (r.statusCode() != 200 && refused.get() < 3) {
                        System.err.println("refused: " + r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
                    }
                } catch (Exception e) {
                    refused.incrementAndGet();
                }
            });
        }
        ScheduledExecutorService replies = Executors.newScheduledThreadPool(8);
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger replySent = new AtomicInteger();
        java.util.Set<String> replied = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        AtomicInteger nextResponder = new AtomicInteger();
        if (replyRate > 0 && RESPONDERS > 0) {
            long period = (long) (1_000_000 / replyRate);
            AtomicInteger next = nextResponder;
            replies.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < RESPONDERS && responderIds[i] != null) {
                    senders.submit(() -> {
                        if (replyOnly(careloop, token, responderNumbers.get(i))) {
                            replyAt[i] = System.currentTimeMillis();
                            replySent.incrementAndGet();
                        }
                    });
                }
            }, 5_000_000, period, TimeUnit.MICROSECONDS);
        } else if (replyRate > 0) {
            long period = (long) (1_000_000 / replyRate);
            AtomicInteger next = new AtomicInteger();
            replies.scheduleAtFixedRate(() -> {
                int i = next.getAndAdd(7) % Math.max(1, written.get());
                if (patientIds[i] != null && replied.add(numbers.get(i))) {
                    replies.submit(() -> reply(careloop, simulator, token, admin, numbers.get(i), patientIds[i], latencies,
                            replySent));
                }
            }, 5_000_000, period, TimeUnit.MICROSECONDS);
        }
        writers.shutdown();
        writers.awaitTermination(6, TimeUnit.HOURS);
        long writtenAt = System.currentTimeMillis();
        System.out.printf("B2 wrote %,d discharge bundles%s with %d clients in %.1f s = %.1f bundles/s (%d refused)%n",
                written.get(), RECORDS ? " holding CareLoop's records of each patient (6 resources)" : "", clients, (writtenAt - start) / 1000.0, written.get() * 1000.0 / (writtenAt - start), refused.get());

        if (written.get() == 0) {
            System.err.println("no discharge was accepted; nothing to wait for");
            System.exit(1);
        }
        if (writesOnly) {
            System.exit(0);
        }
        long lastProgress = System.currentTimeMillis();
        long doneAt = lastProgress;
        long seen = -1;
        while (true) {
            long messages = stat(simulator, "messages") - before - replySent.get();
            if (messages > seen) {
                seen = messages;
                lastProgress = System.currentTimeMillis();
            }
            if (messages >= written.get() || System.currentTimeMillis() - lastProgress > STALL_MS) {
                doneAt = System.currentTimeMillis();
                break;
            }
            Thread.sleep(500);
        }
        long total = stat(simulator, "messages") - before;
        long repliedByThen = replySent.get();
        curve.shutdownNow();
        // every responder replies, however soon the campaign was done
        while (RESPONDERS > 0 && replyRate > 0 && nextResponder.get() < RESPONDERS) {
            Thread.sleep(100);
        }
        replies.shutdown();
        replies.awaitTermination(2, TimeUnit.MINUTES);
        System.out.printf("B2 %,d first messages accepted by the provider; %.1f s from the first write = %.1f messages/s end to end%n",
                total - repliedByThen, (doneAt - start) / 1000.0, (total - repliedByThen) * 1000.0 / (doneAt - start));
        System.out.println("B2 curve (messages at the provider, replies' answers included): " + String.join("; ", points));
        System.out.printf("B5 provider: %d messages, %d recipients, %d duplicates%n", stat(simulator, "messages"),
                stat(simulator, "recipients"), stat(simulator, "duplicates"));
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        if (replyRate > 0 && RESPONDERS > 0) {
            responderResults(careloop, simulator, admin, replyRate, responderIds, responderNumbers, replyAt, start, doneAt);
        } else if (replyRate > 0) {
            List<Long> ack = new ArrayList<>();
            List<Long> task = new ArrayList<>();
            List<Long> webhook = new ArrayList<>();
            List<Long> polls = new ArrayList<>();
            for (long[] l : latencies) {
                webhook.add(l[2]);
                polls.add(l[3]);
                if (l[0] >= 0) ack.add(l[0]);
                if (l[1] >= 0) task.add(l[1]);
            }
            System.out.printf("B3 %d replies at %.0f/s during the campaign; acknowledgement accepted by the provider: %s; "
                    + "nurse task visible over REST: %s%n", replySent.get(), replyRate, percentiles(ack), percentiles(task));
            System.out.printf("B3 the signed webhook itself answered the provider in: %s%n", percentiles(webhook));
            System.out.printf("B3 the slowest task-count poll of each reply (Camunda REST, the measurement's own cost): %s%n",
                    percentiles(polls));
            // when the slowest answers came, counted from the first reply: a tail at the start is the reply path's
            // first use under load (cold code), a tail spread over the run is the load itself
            long first = latencies.stream().mapToLong(l -> l[4]).min().orElse(0);
            List<Long> laterAck = new ArrayList<>();
            List<Long> laterTask = new ArrayList<>();
            for (long[] l : latencies) {
                if (l[4] - first >= 2_000) {
                    if (l[0] >= 0) laterAck.add(l[0]);
                    if (l[1] >= 0) laterTask.add(l[1]);
                }
            }
            System.out.printf("B3 the replies sent after the first 2 s of replies: acknowledgement %s; nurse task %s%n",
                    percentiles(laterAck), percentiles(laterTask));
            System.out.println("B3 the slowest acknowledgements, and when their reply was sent: " + latencies.stream()
                    .filter(l -> l[0] >= 0)
                    .sorted((a, b) -> Long.compare(b[0], a[0]))
                    .limit(8)
                    .map(l -> String.format("%d ms at +%.1f s", l[0], (l[4] - first) / 1000.0))
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** One signed reply "I have chest pain" from the number, through the SMS webhook as the provider sends it. */
    static HttpResponse<String> sendReply(String careloop, String token, String number) throws Exception {
        String url = careloop + "/webhooks/twilio/sms";
        Map<String, String> params = new TreeMap<>();
        params.put("AccountSid", "ACdemo0000000000000000000000000000");
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("From", number);
        params.put("To", "+16175550100");
        params.put("Body", "I have chest pain");
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", ProviderSimulator.sign(token, url, params))
                .POST(HttpRequest.BodyPublishers.ofString(ProviderSimulator.encode(params))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends one signed reply, noting when it left; whether the webhook took it. */
    static boolean replyOnly(String careloop, String token, String number) {
        try {
            long t0 = System.currentTimeMillis();
            HttpResponse<String> r = sendReply(careloop, token, number);
            SENT_AT.put(number, t0);
            WEBHOOK_MS.add(System.currentTimeMillis() - t0);
            return r.statusCode() == 200;
        } catch (Exception e) {
            System.err.println("reply failed: " + e);
            return false;
        }
    }

    static final Map<String, Long> SENT_AT = new java.util.concurrent.ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<Long> WEBHOOK_MS = new ConcurrentLinkedQueue<>();
    static final Pattern CREATED = Pattern.compile("\"created\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * The responders' replies, measured after the campaign: the acknowledgement's arrival at the provider (the
     * simulator's clock, on this machine) and the nurse task's creation (Camunda's clock, read over REST), each from
     * the moment the reply was sent; waits up to a minute for the last answers.
     */
    static void responderResults(String careloop, String simulator, String admin, double rate, String[] ids,
                                 List<String> numbers, long[] replyAt, long start, long doneAt) throws Exception {
        // each acknowledgement and nurse task as {when the reply was sent, how long it took}
        List<long[]> ackBySent = new ArrayList<>();
        List<long[]> taskBySent = new ArrayList<>();
        long firstSent = Long.MAX_VALUE;
        long lastSent = 0;
        int sent = 0;
        int duringCampaign = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        for (int i = 0; i < ids.length; i++) {
            Long t0 = SENT_AT.get(numbers.get(i));
            if (replyAt[i] == 0 || t0 == null) {
                continue;
            }
            sent++;
            firstSent = Math.min(firstSent, t0);
            lastSent = Math.max(lastSent, t0);
            if (t0 <= doneAt) {
                duringCampaign++;
            }
            List<Long> times = received(simulator, numbers.get(i));
            while (times.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                times = received(simulator, numbers.get(i));
            }
            if (times.size() >= 2) {
                ackBySent.add(new long[] {t0, times.get(1) - t0});
            }
        }
        // the acknowledgements are in: what follows is the measurement's own reading, which a run counting the
        // database's statements (bench/campaign.sh --statements) leaves out by taking its count now
        System.out.println("B3 every acknowledgement read at the provider; reading the nurse tasks");
        Thread.sleep(Long.getLong("campaign.pauseBeforeTasks", 0) * 1000);
        for (int i = 0; i < ids.length; i++) {
            Long t0 = SENT_AT.get(numbers.get(i));
            if (replyAt[i] == 0 || t0 == null) {
                continue;
            }
            HttpResponse<String> r = POLL_CARELOOP.send(HttpRequest.newBuilder(URI.create(careloop
                            + "/engine-rest/task?candidateGroup=nurse&processVariables=patientId_eq_" + ids[i]))
                    .header("Authorization", admin).build(), HttpResponse.BodyHandlers.ofString());
            Matcher created = CREATED.matcher(r.body());
            if (r.statusCode() == 200 && created.find()) {
                long at = java.time.OffsetDateTime.parse(created.group(1),
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant().toEpochMilli();
                taskBySent.add(new long[] {t0, at - t0});
            }
        }
        double span = (lastSent - firstSent) / 1000.0;
        System.out.printf("B3 %d replies sent at %.0f/s planned, %.1f/s achieved (%.1f s from the first to the last, "
                        + "%d of them before the campaign's last first message); acknowledgement at the provider: %s; "
                        + "nurse task created: %s%n",
                sent, rate, span > 0 ? (sent - 1) / span : 0, span, duringCampaign, percentiles(took(ackBySent, 0)),
                percentiles(took(taskBySent, 0)));
        System.out.printf("B3 the signed webhook itself answered the provider in: %s%n", percentiles(new ArrayList<>(WEBHOOK_MS)));
        System.out.printf("B3 the first reply %.1f s after the campaign's first write, the campaign's last first message at %.1f s%n",
                (firstSent - start) / 1000.0, (doneAt - start) / 1000.0);
        // the acknowledgements by when their reply was sent, in 5 s windows from the first reply: a tail in the first
        // window is the reply path's first use under load, one that grows from window to window is a queue
        List<String> windows = new ArrayList<>();
        for (long from = 0; from <= lastSent - firstSent; from += 5_000) {
            long low = firstSent + from;
            List<Long> in = new ArrayList<>();
            for (long[] a : ackBySent) {
                if (a[0] >= low && a[0] < low + 5_000) in.add(a[1]);
            }
            if (!in.isEmpty()) {
                Collections.sort(in);
                windows.add(String.format("+%d s: p50 %d ms, max %d ms", from / 1000, in.get(in.size() / 2), in.get(in.size() - 1)));
            }
        }
        System.out.println("B3 acknowledgements by when the reply was sent: " + String.join("; ", windows));
        final long first = firstSent;
        // the reply path's first use on this node (cold code) is in the first seconds; what a patient meets on a
        // running node is after them
        System.out.printf("B3 the replies sent after the first 5 s of replies: acknowledgement %s; nurse task %s%n",
                percentiles(took(ackBySent, first + 5_000)), percentiles(took(taskBySent, first + 5_000)));
        System.out.println("B3 the slowest acknowledgements, and when their reply was sent: " + ackBySent.stream()
                .sorted((a, b) -> Long.compare(b[1], a[1]))
                .limit(8)
                .map(a -> String.format("%d ms at +%.1f s", a[1], (a[0] - first) / 1000.0))
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** How long each took, of those whose reply was sent at or after the moment given. */
    static List<Long> took(List<long[]> bySent, long sentFrom) {
        List<Long> took = new ArrayList<>();
        for (long[] one : bySent) {
            if (one[0] >= sentFrom) took.add(one[1]);
        }
        return took;
    }

    static List<Long> received(String simulator, String number) throws Exception {
        String body = POLL_SIMULATOR.send(HttpRequest.newBuilder(URI.create(simulator + "/received?to="
                + URLEncoder.encode(number, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<Long> times = new ArrayList<>();
        for (String t : body.replace("[", "").replace("]", "").split(",")) {
            if (!t.isBlank()) {
                times.add(Long.parseLong(t.strip()));
            }
        }
        return times;
    }

    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "none";
        }
        Collections.sort(values);
        return String.format("p50 %d ms, p95 %d ms, p99 %d ms (n=%d)", values.get(values.size() / 2),
                values.get((int) Math.min(values.size() - 1, Math.ceil(values.size() * 0.95) - 1)),
                values.get((int) Math.min(values.size() - 1, Math.ceil(values.size() * 0.99) - 1)), values.size());
    }

    static void reply(String careloop, String simulator, String token, String admin, String number, String patientId,
                      ConcurrentLinkedQueue<long[]> latencies, AtomicInteger sent) {
        try {
            int already = count(simulator, number);
            if (already != 1) {
                return; // no check-in yet, or already answered
            }
            long t0 = System.currentTimeMillis();
            HttpResponse<String> r = sendReply(careloop, token, number);
            if (r.statusCode() != 200) {
                System.err.println("reply refused: " + r.statusCode());
                return;
            }
            sent.incrementAndGet();
            long answered = System.currentTimeMillis() - t0;
            long ack = -1;
            long task = -1;
            long slowestPoll = 0;
            long deadline = t0 + 60_000;
            // every 50 ms: often enough for the targets' resolution, rarely enough not to load what is measured
            while ((ack < 0 || task < 0) && System.currentTimeMillis() < deadline) {
                if (ack < 0 && count(simulator, number) > already) {
                    ack = System.currentTimeMillis() - t0;
                }
                long pollStart = System.currentTimeMillis();
                boolean visible = task < 0 && taskVisible(careloop, admin, patientId);
                slowestPoll = Math.max(slowestPoll, System.currentTimeMillis() - pollStart);
                if (visible) {
                    task = System.currentTimeMillis() - t0;
                }
                Thread.sleep(50);
            }
            latencies.add(new long[] {ack, task, answered, slowestPoll, t0});
        } catch (Exception e) {
            System.err.println("reply failed: " + e);
        }
    }

    static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    /** The patient's nurse task, as a worklist finds it: the nurse team's open tasks of this patient. */
    static boolean taskVisible(String careloop, String admin, String patientId) throws Exception {
        String body = "{\"candidateGroup\":\"nurse\",\"processVariables\":[{\"name\":\"patientId\",\"operator\":\"eq\",\"value\":\""
                + patientId + "\"}]}";
        HttpResponse<String> r = POLL_CARELOOP.send(HttpRequest.newBuilder(URI.create(careloop + "/engine-rest/task/count"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = COUNT.matcher(r.body());
        return r.statusCode() == 200 && m.find() && Integer.parseInt(m.group(1)) > 0;
    }

    static int count(String simulator, String number) throws Exception {
        String body = POLL_SIMULATOR.send(HttpRequest.newBuilder(URI.create(simulator + "/received?to="
                + URLEncoder.encode(number, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.equals("[]") ? 0 : body.split(",").length;
    }

    static long stat(String simulator, String name) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(simulator + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String bundle(String run, int i, String mobile, Instant discharged) {
        String patient = "urn:uuid:" + UUID.randomUUID();
        String encounter = "urn:uuid:" + UUID.randomUUID();
        return """
            {"resourceType":"Bundle","type":"transaction","entry":[
             {"fullUrl":"%s","resource":{"resourceType":"Patient",
               "identifier":[{"system":"https://bench.example/mrn","value":"%s-%d"}],
               "name":[{"family":"Bench%d","given":["Pat"]}],"birthDate":"1955-03-0%d",
               "telecom":[{"system":"phone","use":"mobile","value":"%s"}],
               "communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"en"}]},"preferred":true}]},
              "request":{"method":"POST","url":"Patient"}},
             {"fullUrl":"%s","resource":{"resourceType":"Encounter","status":"finished",
               "identifier":[{"system":"https://bench.example/visit","value":"%s-%d"}],
               "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
               "subject":{"reference":"%s"},
               "period":{"start":"%s","end":"%s"},
               "hospitalization":{"dischargeDisposition":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/discharge-disposition","code":"home"}]}}},
              "request":{"method":"POST","url":"Encounter"}}%s]}
            """.formatted(patient, run, i, i, 1 + i % 9, mobile, encounter, run, i, patient,
                discharged.minus(Duration.ofDays(3)), discharged, RECORDS ? records(patient, encounter) : "");
    }

    static final String ORIGIN =
            "\"meta\":{\"tag\":[{\"system\":\"https://careloop.org/fhir/CodeSystem/record-origin\",\"code\":\"careloop\"}]}";

    /**
     * What CareLoop writes to FHIR for one patient of a campaign, as it shapes it (read from a campaign's records): the
     * enrolment's CarePlan, the first check-in's Communication as delivered, and the two AuditEvents of the EHR's
     * transaction (HAPI's Basic Audit Log Patterns, one per resource).
     */
    static String records(String patient, String encounter) {
        String carePlan = "urn:uuid:" + UUID.randomUUID();
        String now = Instant.now().toString();
        String message = UUID.randomUUID().toString();
        StringBuilder entries = new StringBuilder();
        entries.append("""
            ,{"fullUrl":"%s","resource":{"resourceType":"CarePlan",%s,
               "identifier":[{"system":"https://careloop.org/fhir/sid/enrolment","value":"post-discharge-%s"}],
               "status":"active","intent":"plan",
               "category":[{"coding":[{"system":"https://careloop.org/fhir/CodeSystem/care-program","code":"post-discharge","display":"Post-discharge follow-up"}]}],
               "title":"Post-discharge follow-up","subject":{"reference":"%s"},"period":{"start":"%s"},
               "supportingInfo":[{"reference":"%s"}]},
              "request":{"method":"POST","url":"CarePlan"}}
            """.formatted(carePlan, ORIGIN, message, patient, now, encounter));
        entries.append("""
            ,{"resource":{"resourceType":"Communication",%s,
               "identifier":[{"system":"https://careloop.org/fhir/sid/message","value":"%s"},
                 {"system":"https://careloop.org/fhir/sid/provider-message","value":"SM%s"}],
               "basedOn":[{"reference":"%s"}],"status":"completed",
               "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/communication-category","code":"notification","display":"Notification"}]}],
               "medium":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationMode","code":"SMSWRIT","display":"SMS message"}]}],
               "subject":{"reference":"%s"},
               "topic":{"coding":[{"system":"https://careloop.org/fhir/CodeSystem/care-program","code":"post-discharge"}]},
               "about":[{"reference":"%s"}],"sent":"%s","recipient":[{"reference":"%s"}],
               "payload":[{"contentString":"This is an automated messaging service from Springfield General. To talk to a person, call (555) 010-0100. Reply STOP to end messages.\\nHello from Springfield General. We are checking in after your hospital stay. How are you feeling today? Reply with a few words."}]},
              "request":{"method":"POST","url":"Communication"}}
            """.formatted(ORIGIN, message, message.replace("-", ""), carePlan, patient, encounter, now, patient));
        for (String what : List.of(encounter, patient)) {
            entries.append("""
                ,{"resource":{"resourceType":"AuditEvent",
                   "meta":{"profile":["https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientCreate"],
                     "tag":[{"system":"https://careloop.org/fhir/CodeSystem/record-origin","code":"careloop"}]},
                   "type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest","display":"Restful Operation"},
                   "subtype":[{"system":"http://hl7.org/fhir/restful-interaction","code":"transaction","display":"transaction"}],
                   "action":"C","recorded":"%s","outcome":"0",
                   "agent":[{"type":{"coding":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110153","display":"Source Role ID"}]},
                       "who":{"display":"127.0.0.1"},"requestor":false,"network":{"address":"127.0.0.1","type":"2"}},
                     {"type":{"coding":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110152","display":"Destination Role ID"}]},
                       "who":{"display":"http://127.0.0.1:18080/fhir"},"requestor":false,"network":{"address":"http://127.0.0.1:18080/fhir"}},
                     {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP","display":"information recipient"}]},
                       "who":{"identifier":{"system":"https://careloop.org/fhir/sid/user","value":"ehr"},"display":"ehr"},"requestor":true}],
                   "source":{"observer":{"display":"http://127.0.0.1:18080/fhir"}},
                   "entity":[{"type":{"system":"https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType","code":"XrequestId"}},
                     {"what":{"reference":"%s"},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type","code":"2","display":"System Object"},
                       "role":{"system":"http://terminology.hl7.org/CodeSystem/object-role","code":"4","display":"Domain Resource"}},
                     {"what":{"reference":"%s"},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type","code":"1","display":"Person"},
                       "role":{"system":"http://terminology.hl7.org/CodeSystem/object-role","code":"1","display":"Patient"}}]},
                  "request":{"method":"POST","url":"AuditEvent"}}
                """.formatted(now, what, patient));
        }
        return entries.toString();
    }

}
