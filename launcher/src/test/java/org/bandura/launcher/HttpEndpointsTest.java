package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.testing.TestDatabases;
import org.bandura.core.testing.ToggleProxy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {

    private static HttpResponse<String> get(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("/healthz says 200 while the database answers and 503 while it is gone")
    void healthFollowsTheDatabase() throws Exception {
        DatabaseSettings direct = TestDatabases.postgres();
        try (ToggleProxy proxy = new ToggleProxy("127.0.0.1", 5432)) {
            DatabaseSettings viaProxy = proxy.route(direct, 2, Duration.ofMillis(500),
                    DatabaseSettings.DEFAULT_RETRY_AFTER);
            try (Database database = Database.open(viaProxy);
                 HttpEndpoints http = new HttpEndpoints("127.0.0.1", 0, database::isReachable)) {
                http.start();
                HttpResponse<String> up = get(http.port());
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(up.body()).contains("\"database\":\"up\"");

                proxy.stop();
                HttpResponse<String> down = get(http.port());
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("\"database\":\"down\"");
            }
        } finally {
            TestDatabases.dropSchema(direct.schema());
        }
    }
}
