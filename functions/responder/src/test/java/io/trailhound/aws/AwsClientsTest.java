package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;

class AwsClientsTest {

    @Test
    void connectionsCarryOurTimeoutsAndConnectNothingYet() {
        HttpURLConnection c = AwsClients.openConnection(URI.create("http://127.0.0.1:1/"));
        assertThat(c.getConnectTimeout()).isEqualTo(3_000);
        assertThat(c.getReadTimeout()).isEqualTo(20_000);
    }

    @Test
    void httpsUsesTheJdkDefaultTlsContextAndHostNameChecks() {
        HttpURLConnection c = AwsClients.openConnection(URI.create("https://logs.us-east-1.amazonaws.com/"));
        assertThat(c).isInstanceOf(HttpsURLConnection.class);
        HttpsURLConnection https = (HttpsURLConnection) c;
        assertThat(https.getSSLSocketFactory()).isSameAs(HttpsURLConnection.getDefaultSSLSocketFactory());
        assertThat(https.getHostnameVerifier()).isSameAs(HttpsURLConnection.getDefaultHostnameVerifier());
    }
}
