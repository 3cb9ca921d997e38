package io.dialer.client;

import io.dialer.client.api.CampaignsApi;
import io.dialer.client.api.ContactsApi;
import io.dialer.client.api.DoNotCallApi;
import io.dialer.client.api.ImportsApi;
import io.dialer.client.api.PhoneNumbersApi;
import io.dialer.client.api.ResultCodesApi;
import io.dialer.client.api.SimulationsApi;
import io.dialer.client.model.ImportJob;
import io.dialer.client.model.ImportState;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The hand-written entry point of the SDK: one configured client and the generated APIs behind it.
 * <pre>
 * Dialer dialer = Dialer.builder().baseUrl("https://dialer.example.com").bearerToken(token).build();
 * CampaignView campaign = dialer.campaigns().createCampaign(new CampaignRequest().name("Renewals"), null);
 * </pre>
 */
public final class Dialer {

    private final ApiClient client;

    private Dialer(ApiClient client) {
        this.client = client;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ApiClient apiClient() {
        return client;
    }

    public CampaignsApi campaigns() {
        return new CampaignsApi(client);
    }

    public ContactsApi contacts() {
        return new ContactsApi(client);
    }

    public ImportsApi imports() {
        return new ImportsApi(client);
    }

    public DoNotCallApi doNotCall() {
        return new DoNotCallApi(client);
    }

    public PhoneNumbersApi phoneNumbers() {
        return new PhoneNumbersApi(client);
    }

    public ResultCodesApi resultCodes() {
        return new ResultCodesApi(client);
    }

    public SimulationsApi simulations() {
        return new SimulationsApi(client);
    }

    /** Polls an import job until it is COMPLETED or FAILED. */
    public ImportJob awaitImport(String importId, Duration timeout) throws ApiException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ImportJob job = imports().getImport(importId);
        while (job.getState() == ImportState.QUEUED || job.getState() == ImportState.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Import " + importId + " still " + job.getState() + " after " + timeout);
            }
            Thread.sleep(200);
            job = imports().getImport(importId);
        }
        return job;
    }

    public static final class Builder {
        private String baseUrl = "http://localhost:8080";
        private String bearerToken;
        private Duration timeout = Duration.ofSeconds(30);

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl).replaceAll("/+$", "");
            return this;
        }

        /** The OIDC access token; leave unset for a service running with authentication off. */
        public Builder bearerToken(String bearerToken) {
            this.bearerToken = bearerToken;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Dialer build() {
            ApiClient client = new ApiClient();
            client.updateBaseUri(baseUrl);
            client.setReadTimeout(timeout);
            String token = bearerToken;
            if (token != null) {
                client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
            }
            return new Dialer(client);
        }
    }
}
