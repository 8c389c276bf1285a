package com.chirpchat.bootstrap;

import java.nio.file.Path;
import java.util.Optional;

import com.chirpchat.application.media.MediaStore;
import com.chirpchat.emulator.MediaEmulator;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/**
 * The readiness checks, without a server. Mockito stands in at the edges only observed here: Helidon's
 * {@link HealthCheck} (what Readiness wraps) and the media store, of which the check asks one question.
 */
class MediaReadinessTest {
    @TempDir
    Path dir;

    @Test
    void theMediaCheckAsksTheStoreEachTimeAndNamesTheFfmpegOfTheLocalService() {
        MediaStore store = mock(MediaStore.class);
        when(store.reachable()).thenReturn(true, false);
        MediaEmulator local = MediaEmulator.builder().dataDir(dir.resolve("media")).build(); // not started: tools only
        HealthCheck check = new MediaWiring.Media(store, Optional.of(local), "local service", "token").healthCheck();

        HealthCheckResponse up = check.call();
        HealthCheckResponse down = check.call();

        assertThat(check.type()).isEqualTo(HealthCheckType.READINESS);
        assertThat(check.name()).isEqualTo("media");
        assertThat(up.status()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(down.status()).as("the store stopped answering").isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(up.details()).containsEntry("store", "local service").containsEntry("delivery", "token")
                .containsEntry("ffmpeg", local.mediaTools().ffmpeg())
                .containsEntry("ffmpegOrigin", local.mediaTools().origin());
        assertThat(up.details().get("ffmpegVersion").toString()).startsWith("ffmpeg version 7.1.1");
        verify(store, times(2)).reachable();
        verifyNoMoreInteractions(store);
    }

    @Test
    void withCloudinaryTheMediaCheckHasNoFfmpegDetails() {
        MediaStore store = mock(MediaStore.class);
        when(store.reachable()).thenReturn(true);
        HealthCheckResponse response = new MediaWiring.Media(store, Optional.empty(), "Cloudinary", "download-api")
                .healthCheck().call();
        assertThat(response.details()).containsOnlyKeys("store", "delivery");
    }

    @Test
    void anExistingCheckCountsForReadinessAndIsAskedAnewEachTime() {
        HealthCheck database = mock(HealthCheck.class);
        when(database.name()).thenReturn("database");
        when(database.call()).thenReturn(HealthCheckResponse.builder().status(false).build());

        Readiness readiness = Readiness.of(database);

        assertThat(readiness.name()).isEqualTo("database");
        assertThat(readiness.type()).as("a lost database makes the server unready, not dead").isEqualTo(HealthCheckType.READINESS);
        assertThat(readiness.call().status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        readiness.call();
        verify(database, times(2)).call();
    }
}
