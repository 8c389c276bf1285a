package com.chirpchat.emulator;

import com.cloudinary.utils.ObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Assets, derived files, credentials and undelivered notifications survive a restart on the same data folder. */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK\'s API is raw-typed
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void assetsAndDerivedFilesAreServedAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        Path png = Fixtures.png(dir, "r.png", 320, 200);
        MediaEmulator first = Fixtures.emulator(data).build().start();
        Map<?, ?> r;
        try {
            r = Fixtures.sdk(first).uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "chats/c1/kept",
                    "type", "authenticated", "eager", Fixtures.eager("c_fill,g_auto,h_250,w_250/jpg")));
        } finally {
            first.stop();
        }
        MediaEmulator second = Fixtures.emulator(data).build().start();
        try {
            var sdk = Fixtures.sdk(second);
            String original = sdk.url().type("authenticated").signed(true).version(r.get("version")).format("png").generate("chats/c1/kept");
            assertThat(Fixtures.get(original).statusCode()).isEqualTo(200);
            assertThat(Fixtures.get(original).body()).isEqualTo(Files.readAllBytes(png));
            String thumb = sdk.url().type("authenticated").signed(true)
                    .transformation(new com.cloudinary.Transformation().rawTransformation("c_fill,g_auto,h_250,w_250"))
                    .format("jpg").generate("chats/c1/kept");
            assertThat(Fixtures.decode(Fixtures.get(thumb).body()).getWidth()).isEqualTo(250);
            Map<?, ?> again = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "chats/c1/kept",
                    "type", "authenticated", "overwrite", false));
            assertThat(again.get("existing")).isEqualTo(true);
            assertThat(again.get("asset_id")).isEqualTo(r.get("asset_id"));
        } finally {
            second.stop();
        }
    }

    @Test
    void generatedCredentialsAreKeptAndWithheldNotificationsAreSentAfterARestart() throws Exception {
        Path data = dir.resolve("generated");
        Path png = Fixtures.png(dir, "n.png", 40, 40);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            MediaEmulator first = MediaEmulator.builder().dataDir(data).build();
            String key = first.apiKey();
            String secret = first.apiSecret();
            first.start();
            try {
                first.faults().notifications(Faults.Notifications.WITHHOLD);
                new com.cloudinary.Cloudinary(first.sdkConfig()).uploader().upload(png.toFile(),
                        ObjectUtils.asMap("public_id", "later", "notification_url", receiver.url()));
                assertThat(first.pendingNotifications()).isEqualTo(1);
            } finally {
                first.stop();
            }
            MediaEmulator second = MediaEmulator.builder().dataDir(data).build().start();
            try {
                assertThat(second.apiKey()).isEqualTo(key);
                assertThat(second.apiSecret()).isEqualTo(secret);
                List<NotificationReceiver.Received> got = List.of(receiver.next(Duration.ofSeconds(10)));
                assertThat(Fixtures.json(got.get(0).body()).path("public_id").asText()).isEqualTo("later");
            } finally {
                second.stop();
            }
        }
    }
}
