package io.dialer.telephony;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records every call's events; an optional reaction runs after each event is recorded (e.g. bridge on Answered). */
final class CallRecorder implements CallListener {

    private final Map<String, List<CallEvent>> events = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> ended = new ConcurrentHashMap<>();
    private final CallListener reaction;

    CallRecorder() {
        this(event -> { });
    }

    CallRecorder(CallListener reaction) {
        this.reaction = reaction;
    }

    @Override
    public void on(CallEvent event) {
        events.computeIfAbsent(event.callId(), id -> Collections.synchronizedList(new ArrayList<>())).add(event);
        if (event instanceof CallEvent.Ended) {
            latch(event.callId()).countDown();
        }
        reaction.on(event);
    }

    List<CallEvent> events(String callId) {
        List<CallEvent> list = events.getOrDefault(callId, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    CallEvent.Ended awaitEnded(String callId, Duration timeout) {
        awaitAllEnded(List.of(callId), timeout);
        List<CallEvent> list = events(callId);
        return list.stream().filter(CallEvent.Ended.class::isInstance).map(CallEvent.Ended.class::cast).findFirst()
                .orElseThrow();
    }

    void awaitAllEnded(Collection<String> callIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String callId : callIds) {
            try {
                long left = deadline - System.nanoTime();
                assertTrue(latch(callId).await(Math.max(0, left), TimeUnit.NANOSECONDS),
                        () -> "call " + callId + " did not end; events: " + events(callId));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    <T extends CallEvent> List<T> eventsOf(String callId, Class<T> type) {
        return (List<T>) events(callId).stream().filter(type::isInstance).toList();
    }

    private CountDownLatch latch(String callId) {
        return ended.computeIfAbsent(callId, id -> new CountDownLatch(1));
    }
}
