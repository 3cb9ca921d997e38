package io.dialer.contact.imports;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** An import job as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJob(String id, String campaignId, ImportState state, String format, boolean dryRun,
                        String onDuplicate, long rowsRead, long rowsImported, long rowsCreated, long rowsUpdated,
                        long rowsSkipped, long rowsRejected, long invalidNumbers, double progress, String failure,
                        Instant createdAt, Instant startedAt, Instant finishedAt) {

    public enum ImportState { QUEUED, RUNNING, COMPLETED, FAILED }
}
