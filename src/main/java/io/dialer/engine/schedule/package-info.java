/**
 * When and on which number a contact may be dialled next, and why not now.
 *
 * <p>Entry point: {@link io.dialer.engine.schedule.Scheduler#plan}. Choices worth knowing:
 * <ul>
 *   <li>Windows, holidays and preferred hours are read in the contact's local time: its own zone, else every candidate
 *       zone of the number (a time must be inside in all of them), else the campaign's fallback zone. In DST overlaps a
 *       window starts at the second occurrence of its start and ends at the first occurrence of its end; in gaps a
 *       bound moves to the transition. A dial time is therefore never outside a window, at the cost of up to an hour
 *       of a window on the night the clocks go back.</li>
 *   <li>Numbers are tried in the campaign's number order. After a counted result that did not reach the phone
 *       (busy, no answer, invalid...) the next usable number is tried; after a reached one (machine, abandon...) or a
 *       free system error, the same number. Numbers that are DNC, invalid, out of attempts or out of retries for a
 *       code are skipped; if the chosen number has no calling time at all, the next one is used.</li>
 *   <li>Retry delays and per-code maxima apply per number; the minimum gap applies between counted calls on any
 *       number; the daily limit counts counted attempts per local day of the contact (the zone of the number's first
 *       zone when the contact has none). The abandon lockout (Ofcom 72 h) is a floor under the ABANDONED delay.</li>
 *   <li>A pending callback (no attempt since its time) replaces retry timing: delays, minimum gap, attempt limits per
 *       contact, number and code. It keeps to DNC, invalid numbers, the daily limit, the abandon lockout, expiry, the
 *       campaign's start and end, and the windows; one flagged {@code outsideCampaignWindows} ignores the campaign's
 *       windows, holidays and preferred hours but never the legal windows (08:00-21:00 if none are configured). A
 *       pending callback also keeps a contact open after a closing result unless the business outcome says final.</li>
 *   <li>Priority orders due contacts in the loop's query; it does not move times.</li>
 * </ul>
 */
package io.dialer.engine.schedule;
