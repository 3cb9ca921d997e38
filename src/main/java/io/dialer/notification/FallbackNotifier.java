package io.dialer.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignService;
import io.dialer.campaign.CampaignSettings;
import io.dialer.campaign.CampaignValidator;
import io.dialer.webhook.EventService;
import io.dialer.webhook.EventView;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends the fallback messages of {@code contact.fallback_requested} events. Runs on every replica, on the scheduler,
 * never on the dialing loop's threads: each pass creates the missing notification rows (one per event and enabled
 * channel) from recent events, then claims due rows one at a time with SKIP LOCKED, renders the campaign's templates,
 * sends, and stores the outcome. A failed try is retried with growing delays; a replica that dies mid-send leaves a
 * claim that expires, so a message is sent at least once and, short of such a crash, exactly once.
 */
@ApplicationScoped
public class FallbackNotifier {

    private static final Logger LOG = Logger.getLogger(FallbackNotifier.class);

    /** Recent events are rescanned with this overlap, for transactions that committed after a later one's scan. */
    static final Duration OVERLAP = Duration.ofMinutes(10);
    /** How often the whole {@code max-age} window is scanned again, for stragglers beyond the overlap. */
    static final Duration FULL_SCAN_EVERY = Duration.ofMinutes(15);
    static final Duration MAX_RETRY_DELAY = Duration.ofHours(6);
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final NotificationConfig config;
    private final NotificationRepository repository;
    private final EventService events;
    private final CampaignService campaigns;
    private final EmailChannel email;
    private final SmsGateway sms;
    private final Clock clock;

    private volatile Instant lastScan;
    private volatile Instant lastFullScan;

    FallbackNotifier(NotificationConfig config, NotificationRepository repository, EventService events,
                     CampaignService campaigns, EmailChannel email, SmsGateway sms, Clock clock) {
        this.config = config;
        this.repository = repository;
        this.events = events;
        this.campaigns = campaigns;
        this.email = email;
        this.sms = sms;
        this.clock = clock;
    }

    /** The channels this replica sends; empty means the notifier is off. */
    public List<Notification.Channel> channels() {
        List<Notification.Channel> channels = new ArrayList<>(2);
        if (config.email().enabled()) {
            channels.add(Notification.Channel.EMAIL);
        }
        if (sms.enabled()) {
            channels.add(Notification.Channel.SMS);
        }
        return channels;
    }

    void onStart(@Observes StartupEvent ignored) {
        List<Notification.Channel> channels = channels();
        if (channels.isEmpty()) {
            LOG.debug("Fallback notifications are off (dialer.notification.email.enabled / dialer.notification.sms.url)");
            return;
        }
        LOG.infof("Fallback notifications on for %s", channels);
        if (channels.contains(Notification.Channel.EMAIL)) {
            var cfg = ConfigProvider.getConfig();
            if (cfg.getOptionalValue("quarkus.mailer.from", String.class).isEmpty()) {
                LOG.warn("dialer.notification.email.enabled is true but quarkus.mailer.from is not set; e-mails will fail");
            }
            if (cfg.getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(false)) {
                LOG.warn("quarkus.mailer.mock is true: fallback e-mails are logged, not sent");
            }
        }
        if (channels.contains(Notification.Channel.SMS)) {
            try {
                sms.body("+10000000000", "test \"quoted\"\n");
            } catch (IllegalStateException e) {
                LOG.error(e.getMessage() + "; SMS fallbacks will fail");
            }
        }
    }

    @Scheduled(every = "${dialer.notification.interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (channels().isEmpty()) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("Fallback notifier pass failed; the next pass retries", e);
        }
    }

    @Scheduled(every = "1h", delayed = "7m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        repository.purgeBefore(clock.instant().minus(EventService.RETENTION));
    }

    /**
     * One pass: picks up new fallback requests, then sends what is due (at most {@code batch-size} messages). Safe to
     * run on any number of replicas, and threads, at once. Returns how many messages it finished (sent or not).
     */
    public int runOnce() {
        List<Notification.Channel> channels = channels();
        if (channels.isEmpty()) {
            return 0;
        }
        scan(channels);
        int done = 0;
        while (done < config.batchSize()) {
            Instant now = clock.instant();
            Optional<Notification> claimed = repository.claimNext(channels, now, now.plus(claimDuration()));
            if (claimed.isEmpty()) {
                break;
            }
            process(claimed.get());
            done++;
        }
        return done;
    }

    /** The notifications of one event, for tests and support. */
    public List<Notification> forEvent(String tenant, UUID eventId) {
        return repository.forEvent(tenant, eventId);
    }

    public List<Notification> forCampaign(String tenant, UUID campaignId) {
        return repository.forCampaign(tenant, campaignId);
    }

    private void scan(List<Notification.Channel> channels) {
        Instant now = clock.instant();
        Instant oldest = now.minus(config.maxAge());
        Instant since = oldest;
        boolean full = lastFullScan == null || lastFullScan.isBefore(now.minus(FULL_SCAN_EVERY));
        if (!full && lastScan != null && lastScan.minus(OVERLAP).isAfter(oldest)) {
            since = lastScan.minus(OVERLAP);
        }
        int created = repository.createFromEvents(since, channels, now);
        lastScan = now;
        if (full) {
            lastFullScan = now;
        }
        if (created > 0) {
            LOG.debugf("Queued %d fallback notifications", created);
        }
    }

    private Duration claimDuration() {
        Duration email = config.email().timeout();
        Duration sending = config.sms().timeout().compareTo(email) > 0 ? config.sms().timeout() : email;
        return sending.plus(Duration.ofMinutes(1));
    }

    private void process(Notification n) {
        String recipient = null;
        SendResult result;
        try {
            Optional<EventView> event = events.find(n.tenant(), n.eventId());
            if (event.isEmpty()) {
                finish(n, Notification.State.FAILED, null, null, "the event is no longer in the event log");
                return;
            }
            JsonNode data = event.get().data();
            UUID campaignId = n.campaignId() != null ? n.campaignId()
                    : FallbackPolicy.uuidOrNull(data.path("campaignId").asText(null));
            Optional<Campaign> campaign = campaignId == null ? Optional.empty() : campaigns.find(n.tenant(), campaignId);
            if (campaign.isEmpty()) {
                finish(n, Notification.State.SKIPPED, null, null, "the campaign no longer exists");
                return;
            }
            CampaignSettings.Fallback fallback = campaign.get().settings().fallback();
            FallbackMessage message = FallbackMessage.of(data, campaign.get());
            if (n.channel() == Notification.Channel.EMAIL) {
                CampaignSettings.FallbackEmail e = fallback == null ? null : fallback.email();
                if (e == null) {
                    finish(n, Notification.State.SKIPPED, null, null, "the campaign has no e-mail fallback");
                    return;
                }
                recipient = message.renderLine(e.to());
                if (recipient.isEmpty()) {
                    finish(n, Notification.State.SKIPPED, null, null, "no recipient: '" + e.to() + "' rendered empty");
                    return;
                }
                if (!CampaignValidator.EMAIL.matcher(recipient).matches()) {
                    finish(n, Notification.State.FAILED, recipient, null, "not an e-mail address: '" + recipient + "'");
                    return;
                }
                result = email.send(n.id().toString(), recipient, message.renderLine(e.subject()), message.render(e.body()));
            } else {
                CampaignSettings.FallbackSms s = fallback == null ? null : fallback.sms();
                if (s == null) {
                    finish(n, Notification.State.SKIPPED, null, null, "the campaign has no SMS fallback");
                    return;
                }
                recipient = message.renderLine(s.to()).replaceAll("[\\s()\\-.]", "");
                if (recipient.isEmpty()) {
                    finish(n, Notification.State.SKIPPED, null, null, "no recipient: '" + s.to() + "' rendered empty");
                    return;
                }
                if (!E164.matcher(recipient).matches()) {
                    finish(n, Notification.State.FAILED, recipient, null, "not an E.164 number: '" + recipient + "'");
                    return;
                }
                result = sms.send(n.id().toString(), recipient, message.render(s.body()));
            }
        } catch (RuntimeException e) {
            // our side (database, a campaign that cannot be read): try again later like a failed send
            result = SendResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.warnf(e, "Fallback notification %s failed before sending", n.id());
        }
        Instant now = clock.instant();
        if (result.sent()) {
            repository.finish(n, Notification.State.SENT, now, recipient, result.status(), null, now);
        } else if (result.permanent() || n.attempts() >= config.maxAttempts()) {
            LOG.warnf("Fallback %s to %s failed for good after %d attempt(s): %s", n.channel(), recipient, n.attempts(), result.error());
            repository.finish(n, Notification.State.FAILED, now, recipient, result.status(), result.error(), now);
        } else {
            // the row keeps the error only until a later attempt succeeds, so the log is where a passing failure shows
            LOG.infof("Fallback %s to %s failed on attempt %d, will retry: %s", n.channel(), recipient, n.attempts(),
                    result.error());
            repository.finish(n, Notification.State.PENDING, now.plus(retryDelay(n.attempts())), recipient,
                    result.status(), result.error(), now);
        }
    }

    private void finish(Notification n, Notification.State state, String recipient, Integer status, String reason) {
        Instant now = clock.instant();
        if (state == Notification.State.FAILED) {
            LOG.warnf("Fallback %s %s failed: %s", n.channel(), n.id(), reason);
        }
        repository.finish(n, state, now, recipient, status, reason, now);
    }

    /** After the n-th failed try: retry-delay × 4^(n-1), ±10 % jitter, at most 6 h. */
    Duration retryDelay(int attempts) {
        double factor = Math.pow(4, Math.max(0, attempts - 1)) * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble());
        long millis = (long) Math.min(config.retryDelay().toMillis() * factor, MAX_RETRY_DELAY.toMillis());
        return Duration.ofMillis(millis);
    }
}
