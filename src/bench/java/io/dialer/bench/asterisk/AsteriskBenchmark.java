package io.dialer.bench.asterisk;

import io.dialer.engine.result.ResultCode;
import io.dialer.telephony.AnswerKind;
import io.dialer.telephony.CallEvent;
import io.dialer.telephony.CallEvent.HangupBy;
import io.dialer.telephony.CallListener;
import io.dialer.telephony.CallRequest;
import io.dialer.telephony.asterisk.AsteriskCarrier;
import io.dialer.telephony.asterisk.AsteriskSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.PingAction;

/**
 * The AsteriskCarrier at increasing originate rates against the real loopback Asterisk and SIPp (src/test/asterisk).
 * Each step originates open loop (calls are due at i / rate, whatever the carrier does) for N seconds with a fixed mix
 * of test numbers, waits until every call has ended (or a deadline), then checks each call: exactly one Ended, the
 * expected result, Answered only for answered numbers. A separate AMI connection (events off) sends a Ping every 50 ms
 * the whole time.
 *
 * <p>Arguments: env.properties of the test environment, rates (comma separated), seconds per step, rate of an extra
 * step with AMD on (0: none). System properties: bench.hold.ms, bench.asterisk.pid, bench.sipp.pids, bench.log.
 */
public final class AsteriskBenchmark {

    static final int RING_TIMEOUT_SECONDS = 15;
    static final long PING_PERIOD_MILLIS = 50;
    /**
     * Calls ending within this time after the step's start are the ramp (answer up to 3 s, then a 2 s hold); ended/s
     * counts the rest of the originating window, so steps need at least 10 s.
     */
    static final double RAMP_SECONDS = 5;
    /** The human far end answers after 200 ms of ringing; an answer p99 above this means calls queue up. */
    static final long KEPT_UP_ANSWER_P99_MILLIS = 3000;

    /** Mix of one step, by the number's last four digits (20 slots = 5 % each). */
    static final List<String> MIX = mix(Map.of("0001", 12, "0002", 4, "0006", 1, "0007", 1, "0008", 1, "0009", 1));
    /** With AMD on: persons and answering machines. */
    static final List<String> AMD_MIX = mix(Map.of("0001", 8, "0004", 4, "0002", 4, "0006", 1, "0007", 1, "0008", 1,
            "0009", 1));

    static final Map<String, ResultCode> REFUSED = Map.of("0002", ResultCode.BUSY, "0006",
            ResultCode.NUMBER_NOT_IN_SERVICE, "0007", ResultCode.REJECTED, "0008", ResultCode.CONGESTION, "0009",
            ResultCode.NO_RINGBACK);

    private static final AtomicLong IDS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private static AsteriskCarrier carrier;
    private static final ScheduledExecutorService TIMERS = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-timer");
        t.setDaemon(true);
        return t;
    });
    private static long holdMillis;
    private static final Pinger PINGER = new Pinger();
    private static AsteriskLog ASTERISK_LOG;
    private static String agiMarker;
    private static final LogCounter LOGS = new LogCounter();

    public static void main(String[] args) throws Exception {
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            env.load(in);
        }
        List<Integer> rates = Arrays.stream(args.length > 1 ? args[1].split(",") : new String[] {"25", "50", "100"})
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int amdRate = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        holdMillis = Long.getLong("bench.hold.ms", 2000);
        LOGS.install(System.getProperty("bench.log", "target/asterisk-bench/carrier.log"));

        String host = env.getProperty("asterisk.ami.host");
        int port = Integer.parseInt(env.getProperty("asterisk.ami.port"));
        String user = env.getProperty("asterisk.ami.username");
        String secret = env.getProperty("asterisk.ami.secret");
        int agiPort = freePort();
        ASTERISK_LOG = new AsteriskLog(Path.of(env.getProperty("asterisk.log.file")));
        agiMarker = "FastAGI connection to 'agi://127.0.0.1:" + agiPort + "/";
        AsteriskSettings settings = new AsteriskSettings(
                Map.of("bench", new AsteriskSettings.Server(host, port, user, secret)), "127.0.0.1", agiPort,
                "127.0.0.1:" + agiPort, Map.of(), "PJSIP/sipp/", env.getProperty("asterisk.sounds.dir.asterisk"),
                env.getProperty("asterisk.recordings.dir.asterisk"), null, null,
                new AsteriskSettings.Backoff(Duration.ofMillis(200), Duration.ofSeconds(2)));
        // answered calls hold a FastAGI thread until hung up; asterisk-java's pool has no queue, so size it generously
        carrier = new AsteriskCarrier(settings, text -> "bench-unused", 2000).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!carrier.serverProblems().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("carrier not connected: " + carrier.serverProblems());
            }
            Thread.sleep(50);
        }
        ManagerConnection ping = new ManagerConnectionFactory(host, port, user, secret).createManagerConnection();
        AtomicLong pingEvents = new AtomicLong();
        ping.addEventListener(event -> pingEvents.incrementAndGet());
        ping.login("off");
        PINGER.start(ping);

        Resources resources = new Resources(Long.getLong("bench.asterisk.pid", -1),
                System.getProperty("bench.sipp.pids", ""));
        System.out.printf("Asterisk: %s; FastAGI on 127.0.0.1:%d; mix %s; answered calls: every other one hung up at "
                        + "once, the others after %d ms; ring timeout %d s; %d s per step%n",
                env.getProperty("asterisk.version"), agiPort, describe(MIX), holdMillis, RING_TIMEOUT_SECONDS,
                seconds);
        System.out.println("load average before: " + Resources.loadAverage());

        List<Step> steps = new ArrayList<>();
        Step warmUp = new Step("warm-up", 25, 10, false, MIX);
        warmUp.run(resources);
        steps.add(warmUp);
        for (int rate : rates) {
            Step step = new Step(rate + "/s", rate, seconds, false, MIX);
            step.run(resources);
            steps.add(step);
        }
        if (amdRate > 0) {
            Step step = new Step(amdRate + "/s AMD", amdRate, seconds, true, AMD_MIX);
            step.run(resources);
            steps.add(step);
        }
        // late or duplicate events after a step's check would still show here
        Thread.sleep(3000);
        int late = 0;
        for (Step step : steps) {
            late += step.recheckDuplicates();
        }

        System.out.println();
        System.out.println("| step | asked/s | originates/s | calls | ended | lost | misclassified | ended/s "
                + "| answer p50 / p99 ms | refused end p50 / p99 ms | AMI ping p50 / p99 ms (lost) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        steps.forEach(Step::printRow);
        System.out.println();
        System.out.println("| step | originate() p99 / max ms | schedule lag max ms | Asterisk CPU | SIPp CPU "
                + "| bench JVM CPU | load avg (1 min) after | max calls in flight | max Asterisk / JVM threads | drain s | FastAGI connect timeouts | AMI Hangup of gone channel | WARN/ERROR logs "
                + "| AMI event pump lag warnings | techcause warnings |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        steps.forEach(Step::printResources);
        for (Step step : steps) {
            step.printProblems();
        }
        System.out.println("events received on the ping connection (events off): " + pingEvents.get());
        if (late > 0) {
            System.out.println("duplicate Ended events that arrived after their step's check: " + late);
        }
        Step best = null;
        Step literal = null;
        for (Step step : steps) {
            if (step.amd || step.asked < 100 || !step.sustained()) {
                continue;
            }
            if (literal == null || step.achieved > literal.achieved) {
                literal = step;
            }
            if (step.keptUp() && (best == null || step.achieved > best.achieved)) {
                best = step;
            }
        }
        System.out.println();
        System.out.println(best != null
                ? String.format("GOAL MET: %.1f originates/s sustained over %d s (step %s): 0 lost, 0 misclassified, "
                        + "and Asterisk kept up (ended/s >= 90 %% of originates/s, answer p99 <= %d ms)",
                        best.achieved, best.seconds, best.label, KEPT_UP_ANSWER_P99_MILLIS)
                : "GOAL NOT MET: no step reached 100 originates/s with 0 lost, 0 misclassified and Asterisk keeping up "
                        + "(ended/s >= 90 % of originates/s, answer p99 <= " + KEPT_UP_ANSWER_P99_MILLIS + " ms)");
        if (literal != null && literal != best) {
            System.out.printf("(without the keep-up condition: %.1f originates/s at step %s, 0 lost, 0 misclassified, "
                    + "but calls queued in Asterisk: answer p50 / p99 %s ms)%n", literal.achieved, literal.label,
                    p50p99(literal.answerLatency));
        }

        PINGER.stop();
        try {
            ping.logoff();
        } catch (RuntimeException ignored) {
            // best effort
        }
        carrier.close();
        TIMERS.shutdownNow();
        LOGS.close();
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ one step

    static final class Step {
        final String label;
        final int asked;
        final int seconds;
        final boolean amd;
        final List<String> mix;
        final List<Call> calls = new ArrayList<>();
        long startNanos;
        long originateEndNanos;
        double achieved;
        long maxLagNanos;
        long[] originateCallNanos;
        int lost;
        int misclassified;
        int ended;
        int answered;
        final Map<String, Integer> problems = new TreeMap<>();
        final List<String> examples = new ArrayList<>();
        long[] answerLatency;
        long[] refusedLatency;
        double endedPerSecond;
        Pinger.Window pings;
        Resources.Usage usage;
        int logLines;
        volatile int maxAsteriskThreads;
        volatile int maxJvmThreads;
        volatile int maxInFlight;
        double drainSeconds;
        int agiTimeouts;
        int goneHangups;
        int pumpLagLines;
        int techCauseLines;
        String loadAfter;

        Step(String label, int asked, int seconds, boolean amd, List<String> mix) {
            this.label = label;
            this.asked = asked;
            this.seconds = seconds;
            this.amd = amd;
            this.mix = mix;
        }

        void run(Resources resources) throws InterruptedException {
            int n = asked * seconds;
            Random random = new Random(42 + asked);
            List<String> numbers = new ArrayList<>(n);
            while (numbers.size() < n) {
                List<String> round = new ArrayList<>(mix);
                Collections.shuffle(round, random);
                numbers.addAll(round);
            }
            numbers = numbers.subList(0, n);
            originateCallNanos = new long[n];
            ASTERISK_LOG.mark();
            int logsBefore = LOGS.count();
            int pumpBefore = LOGS.pumpLag();
            int techBefore = LOGS.techCause();
            Resources.Snapshot before = resources.snapshot();
            long pingFrom = System.nanoTime();
            System.out.printf("step %s: %d calls ... ", label, n);
            System.out.flush();
            java.util.concurrent.ScheduledFuture<?> sampler = TIMERS.scheduleAtFixedRate(() -> {
                maxAsteriskThreads = Math.max(maxAsteriskThreads, resources.asteriskThreads());
                maxJvmThreads = Math.max(maxJvmThreads, Thread.activeCount());
                maxInFlight = Math.max(maxInFlight, carrier.activeCalls().size());
            }, 0, 500, TimeUnit.MILLISECONDS);
            long interval = 1_000_000_000L / asked;
            startNanos = System.nanoTime();
            int answeredSeq = 0;
            for (int i = 0; i < n; i++) {
                long due = startNanos + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                long lag = System.nanoTime() - due;
                maxLagNanos = Math.max(maxLagNanos, lag);
                String lastFour = numbers.get(i);
                boolean answers = !REFUSED.containsKey(lastFour);
                long hold = answers && (answeredSeq++ % 2 == 1) ? holdMillis : 0;
                Call call = new Call("ab" + RUN + "-" + IDS.incrementAndGet(), lastFour, amd, hold);
                calls.add(call);
                String number = String.format("+1202%03d%s", i % 1000, lastFour);
                CallRequest request = new CallRequest(call.id, "bench", "asterisk-bench", number, null, null,
                        RING_TIMEOUT_SECONDS, amd, Clock.systemUTC(), null);
                long t0 = System.nanoTime();
                call.originatedNanos = t0;
                carrier.originate(request, call);
                originateCallNanos[i] = System.nanoTime() - t0;
            }
            originateEndNanos = System.nanoTime();
            double window = Math.max(seconds, (originateEndNanos - startNanos) / 1e9);
            achieved = n / window;
            // every call must have ended by: ring timeout + hold + generous slack
            long deadline = originateEndNanos + TimeUnit.SECONDS.toNanos(RING_TIMEOUT_SECONDS + 30)
                    + TimeUnit.MILLISECONDS.toNanos(holdMillis);
            while (System.nanoTime() < deadline && calls.stream().anyMatch(c -> c.endedCount.get() == 0)) {
                Thread.sleep(100);
            }
            usage = resources.since(before);
            sampler.cancel(false);
            pings = PINGER.window(pingFrom, System.nanoTime());
            loadAfter = Resources.loadAverage();
            check(window);
            drainSeconds = drain();
            logLines = LOGS.count() - logsBefore;
            pumpLagLines = LOGS.pumpLag() - pumpBefore;
            techCauseLines = LOGS.techCause() - techBefore;
            agiTimeouts = ASTERISK_LOG.count(agiMarker);
            goneHangups = ASTERISK_LOG.count("Request to hangup non-existent channel: dialer-c-ab" + RUN + "-");
            System.out.printf("%.1f originates/s, %d ended, %d lost, %d misclassified; drained in %.0f s%n",
                    achieved, ended, lost, misclassified, drainSeconds);
            Thread.sleep(2000);
        }

        private void check(double window) {
            List<Long> answers = new ArrayList<>();
            List<Long> refusals = new ArrayList<>();
            long rampEnd = startNanos + (long) (RAMP_SECONDS * 1e9);
            long windowEnd = startNanos + (long) (window * 1e9);
            int endedInWindow = 0;
            for (Call call : calls) {
                String problem = call.problem();
                int count = call.endedCount.get();
                if (count > 0) {
                    ended++;
                    if (call.endedNanos >= rampEnd && call.endedNanos <= windowEnd) {
                        endedInWindow++;
                    }
                }
                if (count == 0) {
                    lost++;
                    call.lostAtCheck = true;
                } else if (problem != null) {
                    misclassified++;
                }
                if (problem != null) {
                    problems.merge(call.lastFour + ": " + problem, 1, Integer::sum);
                    if (examples.size() < 5) {
                        examples.add(call.id + " (" + call.lastFour + "): " + call.events);
                    }
                }
                if (call.answeredNanos > 0) {
                    answered++;
                    answers.add(call.answeredNanos - call.originatedNanos);
                }
                if (REFUSED.containsKey(call.lastFour) && count > 0) {
                    refusals.add(call.endedNanos - call.originatedNanos);
                }
            }
            endedPerSecond = endedInWindow / Math.max(0.001, window - RAMP_SECONDS);
            answerLatency = sorted(answers);
            refusedLatency = sorted(refusals);
        }

        /**
         * Waits (up to 3 minutes) until the carrier has none of this step's calls left, so that the next step starts
         * on an idle Asterisk; returns the seconds it took after the check.
         */
        private double drain() throws InterruptedException {
            long from = System.nanoTime();
            long until = from + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < until && !carrier.activeCalls().isEmpty()) {
                Thread.sleep(200);
            }
            return (System.nanoTime() - from) / 1e9;
        }

        /** Lost calls whose Ended came after the deadline, by their result. */
        Map<String, Integer> lateEnds() {
            Map<String, Integer> late = new TreeMap<>();
            for (Call call : calls) {
                if (call.lostAtCheck && call.endedCount.get() > 0) {
                    String problem = call.problem();
                    late.merge(call.lastFour + ": " + (problem == null ? "right result" : problem), 1, Integer::sum);
                }
            }
            return late;
        }

        /** Counts Ended events that arrived twice after the check. */
        int recheckDuplicates() {
            int late = 0;
            for (Call call : calls) {
                if (call.endedCount.get() > 1 && !call.duplicateCounted) {
                    late++;
                }
            }
            return late;
        }

        /** Asterisk kept pace: calls ended as fast as they were placed, and answers did not queue up. */
        boolean keptUp() {
            return endedPerSecond >= 0.9 * achieved && answerLatency.length > 0
                    && percentile(answerLatency, 0.99) <= KEPT_UP_ANSWER_P99_MILLIS * 1_000_000L;
        }

        boolean sustained() {
            return achieved >= 100 && lost == 0 && misclassified == 0 && recheckDuplicates() == 0;
        }

        void printRow() {
            System.out.printf("| %s | %d | %.1f | %d | %d | %d | %d | %.1f | %s | %s | %s (%d/%d) |%n", label, asked,
                    achieved, calls.size(), ended, lost, misclassified, endedPerSecond, p50p99(answerLatency),
                    p50p99(refusedLatency), p50p99(pings.rtt()), pings.lost(), pings.sent());
        }

        void printResources() {
            long[] originate = originateCallNanos.clone();
            Arrays.sort(originate);
            System.out.printf("| %s | %.1f / %.1f | %.0f | %s | %s | %s | %s | %d | %d / %d | %.0f | %d | %d | %d | %d | %d |%n",
                    label, percentile(originate, 0.99) / 1e6, originate[originate.length - 1] / 1e6,
                    maxLagNanos / 1e6, usage.asterisk(), usage.sipp(), usage.jvm(), loadAfter, maxInFlight,
                    maxAsteriskThreads, maxJvmThreads, drainSeconds, agiTimeouts, goneHangups, logLines,
                    pumpLagLines, techCauseLines);
        }

        void printProblems() {
            if (problems.isEmpty()) {
                return;
            }
            System.out.println();
            System.out.println("step " + label + ": problems (last four: what went wrong = calls)");
            problems.forEach((what, count) -> System.out.println("  " + what + " = " + count));
            examples.forEach(example -> System.out.println("  e.g. " + example));
            Map<String, Integer> late = lateEnds();
            if (!late.isEmpty()) {
                System.out.println("  lost calls that ended after the deadline: " + late);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ one call

    static final class Call implements CallListener {
        final String id;
        final String lastFour;
        final boolean amd;
        final long holdMillis;
        final List<CallEvent> events = new CopyOnWriteArrayList<>();
        final AtomicInteger endedCount = new AtomicInteger();
        volatile long originatedNanos;
        volatile long answeredNanos;
        volatile long endedNanos;
        volatile boolean duplicateCounted;
        volatile boolean lostAtCheck;

        Call(String id, String lastFour, boolean amd, long holdMillis) {
            this.id = id;
            this.lastFour = lastFour;
            this.amd = amd;
            this.holdMillis = holdMillis;
        }

        @Override
        public void on(CallEvent event) {
            long now = System.nanoTime();
            events.add(event);
            if (event instanceof CallEvent.Answered) {
                if (answeredNanos == 0) {
                    answeredNanos = now;
                }
                if (holdMillis <= 0) {
                    carrier.hangup(id);
                } else {
                    TIMERS.schedule(() -> carrier.hangup(id), holdMillis, TimeUnit.MILLISECONDS);
                }
            } else if (event instanceof CallEvent.Ended) {
                if (endedCount.incrementAndGet() == 1) {
                    endedNanos = now;
                }
            }
        }

        /** What is wrong with this call's events, or null. */
        String problem() {
            List<CallEvent> seen = List.copyOf(events);
            List<CallEvent.Ended> ends = seen.stream().filter(CallEvent.Ended.class::isInstance)
                    .map(CallEvent.Ended.class::cast).toList();
            List<CallEvent.Answered> answers = seen.stream().filter(CallEvent.Answered.class::isInstance)
                    .map(CallEvent.Answered.class::cast).toList();
            if (ends.isEmpty()) {
                return "lost (no Ended)";
            }
            if (ends.size() > 1) {
                duplicateCounted = true;
                return ends.size() + " Ended events";
            }
            if (!(seen.get(seen.size() - 1) instanceof CallEvent.Ended)) {
                return "event after Ended";
            }
            CallEvent.Ended end = ends.get(0);
            ResultCode expected = REFUSED.get(lastFour);
            if (expected != null) {
                if (!answers.isEmpty()) {
                    return "answered, expected " + expected;
                }
                if (end.networkResult() != expected || end.hangupBy() != HangupBy.NETWORK) {
                    return "ended " + end.networkResult() + "/" + end.hangupBy() + ", expected " + expected
                            + "/NETWORK";
                }
                return null;
            }
            if (answers.size() != 1) {
                return "not answered: ended " + end.networkResult() + "/" + end.hangupBy() + " (" + end.cause() + ")";
            }
            AnswerKind kind = answers.get(0).kind();
            AnswerKind expectedKind = !amd ? AnswerKind.UNCLASSIFIED
                    : "0004".equals(lastFour) ? AnswerKind.MACHINE : AnswerKind.HUMAN;
            if (kind != expectedKind) {
                return "answered " + kind + ", expected " + expectedKind;
            }
            if (end.networkResult() != null || end.hangupBy() != HangupBy.DIALER) {
                return "answered, ended " + end.networkResult() + "/" + end.hangupBy() + " (" + end.cause()
                        + "), expected null/DIALER";
            }
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ AMI ping

    /** Pings Asterisk over its own AMI connection (events off) every 50 ms, asynchronously, for the round trip. */
    static final class Pinger {
        record Sample(long sentNanos, long rttNanos) {
        }

        record Window(long[] rtt, int sent, int lost) {
        }

        private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-ami-ping");
            t.setDaemon(true);
            return t;
        });

        void start(ManagerConnection connection) {
            timer.scheduleAtFixedRate(() -> {
                long t0 = System.nanoTime();
                sent.add(t0);
                try {
                    connection.sendAction(new PingAction(), response -> samples.add(new Sample(t0,
                            System.nanoTime() - t0)));
                } catch (Exception e) {
                    // counted as lost
                }
            }, 0, PING_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }

        Window window(long from, long to) {
            List<Long> rtt = new ArrayList<>();
            for (Sample sample : samples) {
                if (sample.sentNanos >= from && sample.sentNanos <= to) {
                    rtt.add(sample.rttNanos);
                }
            }
            int count = (int) sent.stream().filter(t -> t >= from && t <= to).count();
            return new Window(sorted(rtt), count, count - rtt.size());
        }

        void stop() {
            timer.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------ resources

    /** CPU time of Asterisk, SIPp and this JVM over a step, from /proc. */
    static final class Resources {
        record Snapshot(long nanos, long asterisk, long sipp, long jvm) {
        }

        record Usage(String asterisk, String sipp, String jvm) {
        }

        private final long asteriskPid;
        private final List<Long> sippPids;

        Resources(long asteriskPid, String sippPids) {
            this.asteriskPid = asteriskPid;
            this.sippPids = Arrays.stream(sippPids.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Long::valueOf).toList();
        }

        Snapshot snapshot() {
            long sipp = 0;
            for (long pid : sippPids) {
                sipp += cpuTicks(pid);
            }
            return new Snapshot(System.nanoTime(), cpuTicks(asteriskPid), sipp,
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime());
        }

        Usage since(Snapshot before) {
            Snapshot now = snapshot();
            double wall = (now.nanos - before.nanos) / 1e9;
            return new Usage(asteriskPid < 0 ? "?" : percent((now.asterisk - before.asterisk) / 100.0 / wall),
                    sippPids.isEmpty() ? "?" : percent((now.sipp - before.sipp) / 100.0 / wall),
                    percent((now.jvm - before.jvm) / 1e9 / wall));
        }

        private static String percent(double cores) {
            return String.format("%.0f %%", cores * 100);
        }

        /** utime + stime of a process (and its threads) in clock ticks (USER_HZ, 100 on Linux). */
        static long cpuTicks(long pid) {
            if (pid < 0) {
                return 0;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        int asteriskThreads() {
            try {
                String stat = Files.readString(Path.of("/proc/" + asteriskPid + "/stat"));
                return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[17]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (IOException e) {
                return "?";
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ logs

    /** Asterisk's log (shared with whatever else uses this Asterisk): lines written since a mark. */
    static final class AsteriskLog {
        private final Path file;
        private long from;

        AsteriskLog(Path file) {
            this.file = file;
        }

        void mark() {
            try {
                from = Files.size(file);
            } catch (IOException e) {
                from = -1;
            }
        }

        /** Lines since the mark that contain the text (the log may have been rotated: then -1). */
        int count(String text) {
            if (from < 0) {
                return -1;
            }
            try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
                if (raf.length() < from) {
                    return -1;
                }
                raf.seek(from);
                byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, raf.length() - from)];
                raf.readFully(bytes);
                int count = 0;
                for (String line : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (line.contains(text)) {
                        count++;
                    }
                }
                return count;
            } catch (IOException e) {
                return -1;
            }
        }
    }

    /** Counts the carrier's (and asterisk-java's) WARN and ERROR log records and writes every record to a file. */
    static final class LogCounter extends Handler {
        private final AtomicInteger warnings = new AtomicInteger();
        private final AtomicInteger pumpLag = new AtomicInteger();
        private final AtomicInteger techCause = new AtomicInteger();
        private PrintWriter out;

        void install(String file) throws IOException {
            Path path = Path.of(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            out = new PrintWriter(Files.newBufferedWriter(path), true);
            java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            for (Handler handler : root.getHandlers()) {
                root.removeHandler(handler);
            }
            root.setLevel(Level.INFO);
            root.addHandler(this);
        }

        /** WARN/ERROR records other than the two kinds below. */
        int count() {
            return warnings.get();
        }

        /** asterisk-java's AsyncEventPump "Event dispatched N MS after arriving" (at most one a second). */
        int pumpLag() {
            return pumpLag.get();
        }

        /** asterisk-java's "Unable to set property 'techcause'" (Hangup events carry TechCause since Asterisk 21). */
        int techCause() {
            return techCause.get();
        }

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                String logger = String.valueOf(record.getLoggerName());
                if (logger.endsWith("AsyncEventPump")) {
                    pumpLag.incrementAndGet();
                } else if (logger.endsWith("EventAttributesHelper") && String.valueOf(message).contains("techcause")) {
                    techCause.incrementAndGet();
                } else {
                    warnings.incrementAndGet();
                }
            }
            try {
                Object[] params = record.getParameters();
                if (params != null && params.length > 0 && message != null) {
                    message = message.contains("%") ? String.format(message, params)
                            : java.text.MessageFormat.format(message, params);
                }
            } catch (RuntimeException e) {
                // keep the raw message
            }
            synchronized (this) {
                out.printf("%tT.%<tL %s [%s] %s: %s%n", record.getMillis(), record.getLevel(),
                        Thread.currentThread().getName(), record.getLoggerName(), message);
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(out);
                }
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static List<String> mix(Map<String, Integer> weights) {
        List<String> mix = new ArrayList<>();
        new TreeMap<>(weights).forEach((lastFour, weight) -> mix.addAll(Collections.nCopies(weight, lastFour)));
        return List.copyOf(mix);
    }

    static String describe(List<String> mix) {
        Map<String, Integer> counts = new TreeMap<>();
        mix.forEach(n -> counts.merge(n, 1, Integer::sum));
        StringBuilder text = new StringBuilder();
        counts.forEach((n, c) -> text.append(text.isEmpty() ? "" : ", ").append(n).append(' ')
                .append(100 * c / mix.size()).append('%'));
        return text.toString();
    }

    static long[] sorted(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static String p50p99(long[] sorted) {
        if (sorted.length == 0) {
            return "-";
        }
        return String.format("%.0f / %.0f", percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.99) / 1e6);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
