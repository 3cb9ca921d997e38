package io.dialer.agent;

import io.dialer.agent.AgentRepository.EventRow;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent event streams (SSE) open on this replica, fed by one shared poller.
 *
 * <p>Events are rows of {@code agent_event}, written by whichever replica produces them. Every ~200 ms one query per
 * replica reads the rows after the last one seen (the payload only for agents followed here) and hands each to the
 * streams of its agent. A stream first replays what the client missed (after {@code Last-Event-ID}) with its own
 * query, buffering what the poller hands it meanwhile, then follows the poller.
 *
 * <p>Ids come from a sequence, so a row can commit after a row with a higher id. When the poller sees a hole it holds
 * back for up to {@link #HOLD_BACK} (events stay in id order in the common case of two short transactions committing
 * out of order), then moves on and keeps looking for the missing ids for {@link #LATE_WATCH}: a row that commits that
 * late is still delivered, out of order. A hole that never fills was a rolled-back insert.
 */
@ApplicationScoped
class AgentEventStreams {

    private static final Logger LOG = Logger.getLogger(AgentEventStreams.class);

    static final long POLL_MILLIS = 200;
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration HOLD_BACK = Duration.ofMillis(500);
    static final Duration LATE_WATCH = Duration.ofSeconds(60);
    static final Duration RETENTION = Duration.ofHours(24);
    static final long RECONNECT_MILLIS = 2000;
    private static final int POLL_BATCH = 1000;
    private static final int REPLAY_BATCH = 500;
    /** Holes wider than this are not watched id by id (a sequence jump, or a large rolled-back batch). */
    private static final int MAX_WATCHED_HOLE = 200;
    private static final int MAX_LATE_IDS = 2000;

    private final AgentRepository repository;
    private final Clock clock;
    private final Map<UUID, Set<Stream>> streams = new ConcurrentHashMap<>();

    private ScheduledExecutorService poller;
    // poller state, guarded by 'this'
    private long head = -1;
    private long blockedSince;
    private final LinkedHashMap<Long, Long> lateIds = new LinkedHashMap<>();

    AgentEventStreams(AgentRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-event-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::tick, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
        streams.values().forEach(set -> set.forEach(Stream::close));
        streams.clear();
    }

    /**
     * Opens a stream for an agent the caller has checked belongs to the tenant. Replays the events after
     * {@code lastEventId}; without one, starts with the agent's current state (read after the stream's starting
     * point is fixed, so no change falls between the two) and then follows new events.
     */
    void open(String tenant, UUID agentId, Long lastEventId, SseEventSink sink, Sse sse, Supplier<String> currentState) {
        ensureHead();
        long after = lastEventId != null ? lastEventId : repository.lastEventId(tenant, agentId);
        Stream stream = new Stream(tenant, agentId, after, sink, sse);
        streams.compute(agentId, (k, set) -> {
            Set<Stream> s = set == null ? new CopyOnWriteArraySet<>() : set;
            s.add(stream);
            return s;
        });
        boolean started = false;
        try {
            if (lastEventId == null) {
                // the current state, with the id of the agent's newest event: a reconnect replays what follows it
                stream.sendInitial(sse.newEventBuilder().id(Long.toString(after)).name("state").data(currentState.get())
                        .reconnectDelay(RECONNECT_MILLIS).build());
            }
            long cursor = after;
            while (!stream.isClosed()) {
                List<EventRow> rows = repository.eventsAfter(tenant, agentId, cursor, REPLAY_BATCH);
                rows.forEach(stream::replay);
                if (rows.size() < REPLAY_BATCH) {
                    break;
                }
                cursor = rows.get(rows.size() - 1).id();
            }
            stream.live();
            started = true;
        } finally {
            if (!started || stream.isClosed()) {
                remove(stream);
            }
        }
    }

    /** How many streams are open on this replica (for tests and diagnostics). */
    int openStreams() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    @Scheduled(every = "10m", delay = 1, delayUnit = TimeUnit.MINUTES)
    void purge() {
        int deleted = repository.purgeEventsBefore(clock.instant().minus(RETENTION));
        if (deleted > 0) {
            LOG.debugf("Deleted %d agent events older than %s", deleted, RETENTION);
        }
    }

    private synchronized void ensureHead() {
        if (head < 0) {
            head = repository.maxEventId();
        }
    }

    synchronized void tick() {
        try {
            ensureHead();
            long now = System.nanoTime();
            keepAlive(now);
            lateIds.values().removeIf(deadline -> deadline - now < 0);
            // a full batch means a backlog: read on at once (bounded, so keep-alives and shutdown are not starved)
            for (int batch = 0; batch < 10 && poll(now) == POLL_BATCH; batch++) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            while (lateIds.size() > MAX_LATE_IDS) {
                Iterator<Long> oldest = lateIds.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        } catch (RuntimeException e) {
            LOG.warn("Agent event poll failed; retrying", e);
        }
    }

    /** Reads and dispatches one batch; returns how many rows were read past the head (POLL_BATCH: read on). */
    private int poll(long now) {
        String[] followed = streams.keySet().stream().map(UUID::toString).toArray(String[]::new);
        long[] late = lateIds.keySet().stream().mapToLong(Long::longValue).toArray();
        List<EventRow> rows = repository.newEvents(head, late, followed, POLL_BATCH);
        boolean giveUp = blockedSince != 0 && now - blockedSince >= HOLD_BACK.toNanos();
        boolean blocked = false;
        for (EventRow row : rows) {
            if (row.id() <= head) {
                lateIds.remove(row.id());
                dispatch(row, true);
                continue;
            }
            long missing = row.id() - head - 1;
            if (missing > 0) {
                if (!giveUp) {
                    blocked = true;
                    break;
                }
                if (missing <= MAX_WATCHED_HOLE) {
                    for (long id = head + 1; id < row.id(); id++) {
                        lateIds.put(id, now + LATE_WATCH.toNanos());
                    }
                }
            }
            dispatch(row, false);
            head = row.id();
        }
        if (blocked) {
            if (blockedSince == 0) {
                blockedSince = now;
            }
            return 0;
        }
        blockedSince = 0;
        return rows.size();
    }

    private void dispatch(EventRow row, boolean late) {
        if (row.data() == null) {
            return; // nobody followed this agent when the row was read; a stream opened since replays it
        }
        Set<Stream> followers = streams.get(row.agentId());
        if (followers == null) {
            return;
        }
        for (Stream s : followers) {
            if (s.tenant.equals(row.tenant())) {
                s.offer(row, late);
                if (s.isClosed()) {
                    remove(s);
                }
            }
        }
    }

    private void keepAlive(long now) {
        for (Set<Stream> set : streams.values()) {
            for (Stream s : set) {
                s.keepAlive(now);
                if (s.isClosed()) {
                    remove(s);
                }
            }
        }
    }

    private void remove(Stream s) {
        streams.computeIfPresent(s.agentId, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
        s.close();
    }

    /** One client connection. Sends are serialised on the stream; the sink writes asynchronously. */
    private static final class Stream {
        final String tenant;
        final UUID agentId;
        private final long after;
        private final SseEventSink sink;
        private final Sse sse;
        private boolean replaying = true;
        private final List<EventRow> buffered = new ArrayList<>();
        private final List<Boolean> bufferedLate = new ArrayList<>();
        private final Set<Long> replayed = new HashSet<>();
        private long replayEnded;
        private long lastWrite = System.nanoTime();
        private volatile boolean closed;

        Stream(String tenant, UUID agentId, long after, SseEventSink sink, Sse sse) {
            this.tenant = tenant;
            this.agentId = agentId;
            this.after = after;
            this.sink = sink;
            this.sse = sse;
        }

        synchronized void sendInitial(OutboundSseEvent event) {
            write(event);
        }

        synchronized void replay(EventRow row) {
            replayed.add(row.id());
            write(row);
        }

        /** From the poller: buffered while the replay runs, sent otherwise. */
        synchronized void offer(EventRow row, boolean late) {
            if (replaying) {
                buffered.add(row);
                bufferedLate.add(late);
                return;
            }
            deliver(row, late);
        }

        /** The replay is done: send what the poller handed over meanwhile, minus what the replay sent. */
        synchronized void live() {
            replaying = false;
            replayEnded = System.nanoTime();
            for (int i = 0; i < buffered.size(); i++) {
                deliver(buffered.get(i), bufferedLate.get(i));
            }
            buffered.clear();
            bufferedLate.clear();
        }

        private void deliver(EventRow row, boolean late) {
            if (!replayed.isEmpty()) {
                // the poller may hand over rows the replay already sent: those it had not read yet when the stream
                // opened, and late ones the replay found; after the late-watch window neither can come any more
                if (System.nanoTime() - replayEnded > LATE_WATCH.toNanos()) {
                    replayed.clear();
                } else if (replayed.contains(row.id())) {
                    return;
                }
            }
            // rows up to 'after' were seen by the client already, unless they committed late (out of id order)
            if (late || row.id() > after) {
                write(row);
            }
        }

        synchronized void keepAlive(long now) {
            if (sink.isClosed()) {
                closed = true;
                return;
            }
            if (now - lastWrite >= KEEP_ALIVE.toNanos()) {
                write(sse.newEventBuilder().comment("keep-alive").build());
            }
        }

        private void write(EventRow row) {
            write(sse.newEventBuilder().id(Long.toString(row.id())).name(row.type()).data(row.data()).build());
            if ("deleted".equals(row.type())) {
                close(); // the agent is gone: end the stream (clients stop reconnecting on 404)
            }
        }

        private void write(OutboundSseEvent event) {
            if (closed) {
                return;
            }
            if (sink.isClosed()) {
                closed = true;
                return;
            }
            lastWrite = System.nanoTime();
            try {
                sink.send(event).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        closed = true;
                    }
                });
            } catch (IllegalStateException e) {
                closed = true;
            }
        }

        boolean isClosed() {
            return closed || sink.isClosed();
        }

        void close() {
            closed = true;
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
