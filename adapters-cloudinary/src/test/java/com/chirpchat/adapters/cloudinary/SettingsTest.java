package com.chirpchat.adapters.cloudinary;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.chirpchat.application.media.UploadSpec;
import com.chirpchat.domain.media.ResourceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    private static final UploadSpec SPEC = new UploadSpec("chats/c1", "m1", ResourceType.IMAGE, Set.of("png"), 1);

    @Test
    void theUrlIsRequiredAndMustNameKeySecretAndCloud() {
        assertThatThrownBy(() -> CloudinarySettings.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cloudinaryUrl is required");
        assertThatThrownBy(() -> CloudinarySettings.builder().cloudinaryUrl("https://k:topsecret@cloud").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> CloudinarySettings.builder().cloudinaryUrl("cloudinary://justakey@cloud").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("API secret");
        assertThatThrownBy(() -> CloudinarySettings.builder().cloudinaryUrl("cloudinary://k:top secret@cloud").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("top secret");
    }

    @Test
    void otherSettingsAreChecked() {
        CloudinarySettings.Builder b = CloudinarySettings.builder();
        assertThatThrownBy(() -> b.tokenKey("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.tokenKey("zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.signatureAlgorithm("MD5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.notificationWindow(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.requestTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.notificationUrl(URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.signatureAlgorithm("sha-256").cloudinaryUrl("cloudinary://k:s@c").build().signatureAlgorithm()).contains("SHA256");
    }

    @Test
    void toStringHidesTheSecretAndTheTokenKey() {
        String text = CloudinarySettings.builder().cloudinaryUrl("cloudinary://key:topsecret@cloud").tokenKey("abcdef12").build().toString();
        assertThat(text).contains("cloudinary://key:***@cloud").doesNotContain("topsecret", "abcdef12");
        assertThat(CloudinaryMediaStore.create(CloudinarySettings.builder().cloudinaryUrl("cloudinary://key:topsecret@cloud").build(),
                                               Clock.systemUTC()).toString()).doesNotContain("topsecret");
    }

    @Test
    void theUrlMayCarrySdkOptionsTheAlgorithmAndTheTokenKey() {
        CloudinaryMediaStore store = CloudinaryMediaStore.create(CloudinarySettings.builder()
                .cloudinaryUrl("cloudinary://k:s@cloud?upload_prefix=http://127.0.0.1:9&signature_algorithm=SHA256&auth_token[key]=abcd")
                .build(), Clock.systemUTC());
        assertThat(store.deliveryMode()).isEqualTo("token");
        var upload = store.signUpload(SPEC);
        assertThat(upload.uploadUrl()).isEqualTo(URI.create("http://127.0.0.1:9/v1_1/cloud/image/upload"));
        assertThat(upload.signatureAlgorithm()).isEqualTo("sha256");
        // explicit settings win over the URL; SDK options over the URL's query
        CloudinaryMediaStore explicit = CloudinaryMediaStore.create(CloudinarySettings.builder()
                .cloudinaryUrl("cloudinary://k:s@cloud?upload_prefix=http://127.0.0.1:9&signature_algorithm=SHA256")
                .sdkOption("upload_prefix", "http://127.0.0.1:10").signatureAlgorithm("SHA1").build(), Clock.systemUTC());
        assertThat(explicit.deliveryMode()).isEqualTo("download-api");
        assertThat(explicit.signUpload(SPEC).uploadUrl().getPort()).isEqualTo(10);
        assertThat(explicit.signUpload(SPEC).signatureAlgorithm()).isEqualTo("sha1");
    }
}
