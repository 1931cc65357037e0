package io.trailhound.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonAsciiOnlyTest {
    @Test
    void valuesStayTheSameInPrintableAsciiWithMarkupEscaped() throws Exception {
        String json = "{\"ua\":\"<script>\\u202Eevil\u2019 https://x.example\",\"n\":1.50,\"nl\":\"a\\nb\"}";
        String ascii = Json.asciiOnly(json);
        assertThat(ascii)
                .isEqualTo(
                        "{\"ua\":\"\\u003Cscript\\u003E\\u202Eevil\\u2019 https://x.example\",\"n\":1.50,\"nl\":\"a\\nb\"}");
        assertThat(ascii.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
        assertThat(Json.parse(ascii)).isEqualTo(Json.parse(json));
        assertThat(Json.asciiOnly("not json")).isNull();
    }
}
