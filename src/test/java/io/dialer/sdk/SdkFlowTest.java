package io.dialer.sdk;

import io.dialer.client.ApiClient;
import io.dialer.client.ApiException;
import io.dialer.client.api.CampaignsApi;
import io.dialer.client.api.ContactsApi;
import io.dialer.client.api.ImportsApi;
import io.dialer.client.model.CampaignRequest;
import io.dialer.client.model.CampaignView;
import io.dialer.client.model.ContactBatch;
import io.dialer.client.model.ContactBatchResult;
import io.dialer.client.model.ContactInput;
import io.dialer.client.model.ContactList;
import io.dialer.client.model.Dialing;
import io.dialer.client.model.ImportJob;
import io.dialer.client.model.ImportState;
import io.dialer.client.model.PhoneInput;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A CRM's whole first day through the generated SDK: campaign, contacts, a CSV import, the job. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class SdkFlowTest {

    @TestHTTPResource("/")
    URI baseUri;

    @Test
    void fullFlowThroughTheGeneratedClient() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri.toString().replaceAll("/$", ""));
        CampaignsApi campaigns = new CampaignsApi(client);
        ContactsApi contacts = new ContactsApi(client);
        ImportsApi imports = new ImportsApi(client);

        CampaignView campaign = campaigns.createCampaign(new CampaignRequest().name("SDK campaign").mode("PROGRESSIVE")
                .dialing(new Dialing().defaultRegion("US").ringTimeoutSeconds(30)), "sdk-" + System.nanoTime());
        assertEquals("DRAFT", campaign.getState().getValue());
        assertEquals(30, campaign.getDialing().getRingTimeoutSeconds());

        ContactBatchResult batch = contacts.upsertContacts(campaign.getId(), new ContactBatch().contacts(List.of(
                new ContactInput().externalId("sdk-1").firstName("Ada")
                        .phones(List.of(new PhoneInput().number("312-555-0142").type("MOBILE"))))), null);
        assertEquals(1, batch.getCreated());

        Path csv = Files.createTempFile("sdk-import", ".csv");
        Files.writeString(csv, "externalId,firstName,mobile\nsdk-2,Grace,+13125550143\nsdk-3,Bad,nope\n",
                StandardCharsets.UTF_8);
        File file = csv.toFile();
        ImportJob job = imports.createImport(campaign.getId(), null, null, null, null, file, "{\"onDuplicate\": \"update\"}");
        assertNotNull(job.getId());
        long deadline = System.currentTimeMillis() + 30_000;
        while (job.getState() == ImportState.QUEUED || job.getState() == ImportState.RUNNING) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("import did not finish");
            }
            Thread.sleep(100);
            job = imports.getImport(job.getId());
        }
        assertEquals(ImportState.COMPLETED, job.getState());
        assertEquals(1L, job.getRowsCreated());
        assertEquals(1L, job.getRowsRejected());
        assertEquals(3, imports.listImportErrors(job.getId(), null, null).getItems().get(0).getRowNumber());

        ContactList list = contacts.listContacts(campaign.getId(), null, null, 10, null);
        assertEquals(2, list.getItems().size());

        CampaignView started = campaigns.startCampaign(campaign.getId());
        assertEquals("RUNNING", started.getState().getValue());
        ApiException conflict = assertThrows(ApiException.class, () -> campaigns.startCampaign(campaign.getId()));
        assertEquals(409, conflict.getCode());
        Files.deleteIfExists(csv);
    }
}
