/**
 * The technical result taxonomy and the abandonment ledger (DESIGN.md section 5; research notes section 3).
 *
 * <p>{@link io.dialer.engine.result.ResultCode} holds, per code, whether it counts as an attempt, whether the phone was
 * reached, the default retry (step, delay, retries allowed per number) and the ledger role. A campaign's
 * {@code retries.rules} override delay and max; the scheduler applies them.
 *
 * <p>{@link io.dialer.engine.result.AbandonmentLedger} measures the abandon rate over the definition's rolling window:
 * US, abandoned / (live answers + abandoned) over 30 days; UK (Ofcom), drops adjusted by the machine share agents saw,
 * plus an estimate of AMD false positives, over 24 hours. The caller passes the time.
 */
package io.dialer.engine.result;
