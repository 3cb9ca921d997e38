package io.dialer.telephony.asterisk;

import io.dialer.telephony.AnswerKind;
import io.dialer.telephony.CallEvent.HangupBy;
import io.dialer.telephony.IvrScript;
import io.dialer.telephony.TextToSpeech;
import io.dialer.telephony.asterisk.AsteriskCall.Command;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.jboss.logging.Logger;

/**
 * FastAGI script {@code call}: runs on an answered customer leg (dialer-answered) for the rest of the call. It runs AMD
 * when asked, reports Answered, then carries out the dialer's commands (bridge, message, IVR, hang-up) from the call's
 * queue; it holds its AGI thread while it waits. When the customer hangs up, the next AGI command fails and the call
 * ends CUSTOMER.
 */
final class AgiCallControl implements AgiScript {

    private static final Logger LOG = Logger.getLogger(AgiCallControl.class);
    private static final long POLL_MILLIS = 250;
    private static final int FIRST_DIGIT_MILLIS = 5000;
    private static final int NEXT_DIGIT_MILLIS = 2000;
    private static final int COMMENT_MAX_SILENCE_SECONDS = 3;
    private static final String KEYS = "0123456789#";

    private final AsteriskCarrier carrier;
    private final AsteriskSettings settings;
    private final TextToSpeech speech;

    AgiCallControl(AsteriskCarrier carrier, AsteriskSettings settings, TextToSpeech speech) {
        this.carrier = carrier;
        this.settings = settings;
        this.speech = speech;
    }

    /** How the script left the call: who hung up and why. */
    private record Over(HangupBy by, String cause) {
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String callId = AgiReports.argument(request, 0);
        AsteriskCall call = callId == null ? null : carrier.call(callId);
        if (call == null) {
            LOG.infof("FastAGI call: unknown call %s on %s, hanging up", callId, request.getChannel());
            channel.hangup();
            return;
        }
        Over over;
        boolean recorded = false;
        try {
            if (call.hangupRequested()) {
                // the dialer hung up while AMI could not pass it on; the call must not reach anyone
                channel.hangup();
                call.end(io.dialer.engine.result.ResultCode.CANCELLED, HangupBy.DIALER, "hung up by dialer");
                return;
            }
            AnswerKind kind = call.request.amd() ? detect(channel, call.request.amdTuning()) : AnswerKind.UNCLASSIFIED;
            if (!call.answered(kind == null ? AnswerKind.UNSURE : kind)) {
                // already ended (e.g. judged lost while AMI was down): nobody is waiting for this call
                channel.hangup();
                return;
            }
            if (kind == null) {
                over = new Over(HangupBy.CUSTOMER, "hung up during answering-machine detection");
            } else {
                Session session = new Session(call, channel);
                over = session.run();
                recorded = session.recorded;
            }
        } catch (AgiException e) {
            // the channel is gone (the AGI connection reports hang-up as an error on the next command)
            over = new Over(call.hangupRequested() ? HangupBy.DIALER : HangupBy.CUSTOMER,
                    call.hangupRequested() ? "hung up by dialer" : "customer hung up");
        } catch (RuntimeException e) {
            LOG.errorf(e, "call %s: call script failed", call.id());
            over = new Over(HangupBy.DIALER, "call script failed: " + e);
            hangUpQuietly(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            over = new Over(HangupBy.DIALER, "dialer shutting down");
            hangUpQuietly(channel);
        }
        carrier.answeredCallOver(call, over.by(), over.cause(), recorded);
    }

    /** @return the AMD verdict, or null when the customer hung up during detection */
    private AnswerKind detect(AgiChannel channel, io.dialer.telephony.AmdTuning tuning) throws AgiException {
        channel.exec("AMD", settings.amd().tunedBy(tuning).arguments());
        String status = channel.getVariable("AMDSTATUS");
        String cause = channel.getVariable("AMDCAUSE");
        LOG.debugf("AMD on %s: %s %s", channel.getName(), status, cause);
        if (status == null) {
            return AnswerKind.UNSURE;
        }
        switch (status) {
            case "HUMAN":
                return AnswerKind.HUMAN;
            case "MACHINE":
                return AnswerKind.MACHINE;
            case "HANGUP":
                return null;
            default:
                return AnswerKind.UNSURE;
        }
    }

    private static void hangUpQuietly(AgiChannel channel) {
        try {
            channel.hangup();
        } catch (AgiException | RuntimeException e) {
            LOG.debugf("hangup after interrupt: %s", e.toString());
        }
    }

    /** One answered call's conversation with the dialer. */
    private final class Session {

        private final AsteriskCall call;
        private final AgiChannel channel;
        boolean recorded;

        Session(AsteriskCall call, AgiChannel channel) {
            this.call = call;
            this.channel = channel;
        }

        Over run() throws AgiException, InterruptedException {
            while (true) {
                Command command = call.commands.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (command == null) {
                    // cheap round trip: fails as soon as the customer has hung up
                    channel.getChannelStatus();
                    continue;
                }
                if (command instanceof Command.Hangup) {
                    channel.hangup();
                    return new Over(HangupBy.DIALER, "hung up by dialer");
                }
                if (command instanceof Command.Play play) {
                    String cause = play(play.message()) ? "message played" : "message could not be played";
                    channel.hangup();
                    return new Over(HangupBy.DIALER, cause);
                }
                if (command instanceof Command.Ivr ivr) {
                    return ivr(ivr.script());
                }
                if (command instanceof Command.Bridge bridge) {
                    return bridge(bridge.agentId());
                }
            }
        }

        private Over bridge(String agentId) throws AgiException {
            if (call.request.record()) {
                channel.exec("MixMonitor", settings.recordingsDir() + "/" + call.id() + ".wav");
                recorded = true;
            }
            call.bridged(agentId);
            channel.exec("ConfBridge", CallCorrelation.conference(agentId) + ",dialer_bridge,dialer_customer");
            // ConfBridge returns when the customer hung up or the dialer hung the call up (AMI)
            return call.hangupRequested() ? new Over(HangupBy.DIALER, "hung up by dialer")
                    : new Over(HangupBy.CUSTOMER, "customer hung up");
        }

        /** @return whether Asterisk played the whole sound */
        private boolean play(String text) throws AgiException {
            channel.exec("Playback", sound(text));
            String status = channel.getVariable("PLAYBACKSTATUS");
            if (!"SUCCESS".equals(status)) {
                LOG.warnf("call %s: Playback of %s gave %s", call.id(), sound(text), status);
            }
            return "SUCCESS".equals(status);
        }

        private String sound(String text) {
            return settings.asteriskSoundsDir() + "/" + speech.render(text);
        }

        private Over ivr(IvrScript script) throws AgiException {
            boolean played = play(script.greeting());
            IvrScript.Survey survey = script.survey();
            if (survey == null) {
                channel.hangup();
                return new Over(HangupBy.DIALER, played ? "greeting played" : "greeting could not be played");
            }
            Integer answer = null;
            String comment = null;
            try {
                answer = ask(survey);
                if (survey.commentPrompt() != null && survey.commentSeconds() > 0) {
                    play(survey.commentPrompt());
                    String name = call.id() + "-comment";
                    channel.recordFile(settings.recordingsDir() + "/" + name, "wav", "#",
                            survey.commentSeconds() * 1000, 0, true, COMMENT_MAX_SILENCE_SECONDS);
                    comment = name + ".wav";
                }
            } catch (AgiException hungUp) {
                call.surveyAnswered(answer, comment);
                throw hungUp;
            }
            call.surveyAnswered(answer, comment);
            channel.hangup();
            return new Over(HangupBy.DIALER, "survey done");
        }

        private Integer ask(IvrScript.Survey survey) throws AgiException {
            int attempts = Math.max(1, survey.attempts());
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (attempt > 1 && survey.retryPrompt() != null) {
                    play(survey.retryPrompt());
                }
                char first = channel.streamFile(sound(survey.question()), KEYS);
                if (first == 0) {
                    first = channel.waitForDigit(FIRST_DIGIT_MILLIS);
                }
                String keys = first == 0 || first == '#' ? "" : String.valueOf(first);
                if (SurveyDigits.mayContinue(first, survey.maxAnswer())) {
                    char next = channel.waitForDigit(NEXT_DIGIT_MILLIS);
                    if (next != 0 && next != '#') {
                        keys += next;
                    }
                }
                Integer answer = SurveyDigits.answer(keys, survey.minAnswer(), survey.maxAnswer());
                if (answer != null) {
                    return answer;
                }
            }
            return null;
        }
    }
}
