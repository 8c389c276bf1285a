package com.chirpchat.application.common;

import com.chirpchat.domain.common.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTest {
    @Test
    void everyRefusalOfTheDomainHasTheCodeClientsKnow() {
        assertThat(ErrorCode.of(Reason.NOT_A_MEMBER)).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(ErrorCode.of(Reason.FORBIDDEN)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(ErrorCode.of(Reason.NOT_FOUND)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.of(Reason.CONFLICT)).isEqualTo(ErrorCode.CONFLICT);
        assertThat(ErrorCode.of(Reason.INVALID)).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(ErrorCode.of(Reason.TOO_LARGE)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(ErrorCode.of(Reason.UNSUPPORTED_FORMAT)).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }
}
