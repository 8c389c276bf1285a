package com.chirpchat.adapters.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
    @Test
    void takesTheTokenOfABearerHeaderWhateverTheSchemesCase() {
        assertThat(BearerToken.parse("Bearer abc.DEF-ghi_~+/=")).contains("abc.DEF-ghi_~+/=");
        assertThat(BearerToken.parse("bearer x")).contains("x");
        assertThat(BearerToken.parse("BEARER x")).contains("x");
        assertThat(BearerToken.parse("  Bearer   x  ")).as("surrounding blanks").contains("x");
        assertThat(BearerToken.parse("Bearer !~")).as("both ends of visible ASCII").contains("!~");
        assertThat(BearerToken.parse("Bearer " + "a".repeat(BearerToken.MAX_LENGTH))).isPresent();
    }

    @Test
    void refusesOtherSchemesAndAnythingButVisibleAscii() {
        assertThat(BearerToken.parse("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(BearerToken.parse("Bearer")).isEmpty();
        assertThat(BearerToken.parse("Bearer ")).isEmpty();
        assertThat(BearerToken.parse("Bearerx abc")).isEmpty();
        assertThat(BearerToken.parse("Bearer a b")).as("a blank inside").isEmpty();
        assertThat(BearerToken.parse("Bearer a\tb")).as("a control character").isEmpty();
        assertThat(BearerToken.parse("Bearer a\u007fb")).as("DEL").isEmpty();
        assertThat(BearerToken.parse("Bearer a\u00e9b")).as("not ASCII").isEmpty();
        assertThat(BearerToken.parse("Bearer a\u0000b")).as("NUL").isEmpty();
        assertThat(BearerToken.parse("Bearer " + "a".repeat(BearerToken.MAX_LENGTH + 1))).as("too long").isEmpty();
    }
}
