package io.dialer.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DialerTest {

    @Test
    void builderConfiguresBaseUrlTimeoutAndToken() {
        Dialer dialer = Dialer.builder().baseUrl("https://dialer.example.com/").bearerToken("t0k3n")
                .timeout(Duration.ofSeconds(5)).build();
        assertEquals("https://dialer.example.com", dialer.apiClient().getBaseUri());
        assertEquals(Duration.ofSeconds(5), dialer.apiClient().getReadTimeout());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://dialer.example.com/v1/campaigns"));
        dialer.apiClient().getRequestInterceptor().accept(request);
        assertEquals("Bearer t0k3n", request.build().headers().firstValue("Authorization").orElseThrow());
    }
}
