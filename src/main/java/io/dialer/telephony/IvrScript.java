package io.dialer.telephony;

import java.util.Objects;

/**
 * What an agentless call says and asks, already rendered for this contact (see {@link TelephonyPort#runIvr}).
 *
 * @param greeting the contact's greeting, spoken first
 * @param survey   the question that follows, or null for a greeting-only call
 */
public record IvrScript(String greeting, Survey survey) {

    public IvrScript {
        Objects.requireNonNull(greeting, "greeting");
    }

    /**
     * A one-question survey answered on the keypad.
     *
     * @param question       spoken after the greeting
     * @param minAnswer      lowest valid answer (1)
     * @param maxAnswer      highest valid answer (10: keyed as "1" then "0", or "0" alone)
     * @param attempts       how many times the question is asked when no or an invalid answer comes
     * @param retryPrompt    spoken before asking again
     * @param commentPrompt  spoken before recording a comment, or null for no comment
     * @param commentSeconds longest comment recorded
     */
    public record Survey(String question, int minAnswer, int maxAnswer, int attempts, String retryPrompt,
                         String commentPrompt, int commentSeconds) {

        public Survey {
            Objects.requireNonNull(question, "question");
        }
    }
}
