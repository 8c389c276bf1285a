package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.cloudinary.utils.ObjectUtils;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What phones send besides JPEG: HEIC (a single image, and the tiled grid iPhones store, turned by {@code irot}),
 * AVIF, and animated GIFs. Each is decoded for real and every image variant is checked by decoding it.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK's API is raw-typed
class PhoneFormatsTest {

    private static final String[] IMAGE_EAGER = {"c_fill,g_auto,h_250,w_250/jpg", "c_limit,q_auto,w_800/webp"};

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;

    @BeforeAll
    static void start() {
        Fixtures.requireFfmpeg();
        emulator = Fixtures.emulator(dir.resolve("data")).build().start();
        sdk = Fixtures.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.stop();
        }
    }

    @Test
    void heicSingleImage() throws Exception {
        Path heic = Heif.write(dir, "IMG_0001.HEIC", Media.quadrantPicture(320, 240), 1, 1, 0);
        checkImage(heic, "heic", 320, 240, Media.STORED);
    }

    @Test
    void heicTileGridTurnedByIrotAsIphonesStoreIt() throws Exception {
        Path heic = Heif.write(dir, "IMG_0002.HEIC", Media.quadrantPicture(320, 240), 2, 2, 1);
        checkImage(heic, "heic", 240, 320, "GWRB");
    }

    @Test
    void avif() throws Exception {
        Path png = dir.resolve("q.png");
        ImageIO.write(Media.quadrantPicture(320, 240), "png", png.toFile());
        Path avif = dir.resolve("photo.avif");
        Fixtures.ffmpeg("-i", png.toString(), "-frames:v", "1", "-c:v", "libaom-av1", "-still-picture", "1",
                "-pix_fmt", "yuv420p", avif.toString());
        checkImage(avif, "avif", 320, 240, Media.STORED);
    }

    @Test
    void refusalsAnswerAsCloudinaryDoes() throws Exception {
        Path heic = Heif.write(dir, "IMG_0003.HEIC", Media.quadrantPicture(320, 240), 1, 1, 0);
        Map<?, ?> notAllowed = sdk.uploader().upload(heic.toFile(), ObjectUtils.asMap("resource_type", "image",
                "allowed_formats", List.of("jpg", "png"), "return_error", true));
        assertThat(((Map<?, ?>) notAllowed.get("error")).get("message")).isEqualTo("Image file format heic not allowed");

        byte[] broken = Files.readAllBytes(heic); // boxes intact, coded picture zeroed
        java.util.Arrays.fill(broken, broken.length / 2, broken.length, (byte) 0);
        Path corrupt = dir.resolve("corrupt.heic");
        Files.write(corrupt, broken);
        Map<?, ?> invalid = sdk.uploader().upload(corrupt.toFile(), ObjectUtils.asMap("resource_type", "image", "return_error", true));
        assertThat(((Map<?, ?>) invalid.get("error")).get("message")).isEqualTo("Invalid image file");
    }

    @Test
    void animatedGifKeepsItsAnimationInThePreviewAndNotInTheThumbnail() throws Exception {
        Path gif = dir.resolve("anim.gif");
        Fixtures.ffmpeg("-f", "lavfi", "-i", "testsrc=size=200x150:rate=10:duration=1", "-loop", "0", gif.toString());
        Map<?, ?> r = sdk.uploader().upload(gif.toFile(), ObjectUtils.asMap("public_id", "anim", "eager", Fixtures.eager(IMAGE_EAGER)));
        assertThat(r.get("pages")).isEqualTo(10);
        List<Map<String, Object>> eager = (List<Map<String, Object>>) r.get("eager");
        assertThat(eager.get(1)).containsEntry("width", 200).containsEntry("height", 150).containsEntry("format", "webp");

        byte[] webp = Fixtures.get((String) eager.get(1).get("url")).body();
        WebpChunks chunks = WebpChunks.of(webp);
        assertThat(chunks.animated()).as("VP8X animation flag").isTrue();
        assertThat(chunks.frames()).as("animation frames").isEqualTo(10);
        assertThat(chunks.canvas()).containsExactly(200, 150);
        assertThat(chunks.totalMillis()).as("the GIF's timing is kept").isBetween(900, 1100);

        HttpResponse<byte[]> thumb = Fixtures.get((String) eager.get(0).get("url"));
        assertThat(thumb.headers().firstValue("Content-Type")).contains("image/jpeg");
        BufferedImage still = Fixtures.decode(thumb.body());
        assertThat(new int[] {still.getWidth(), still.getHeight()}).containsExactly(250, 250);
    }

    private void checkImage(Path file, String format, int width, int height, String upright) throws Exception {
        String id = "phone/" + file.getFileName().toString().replace('.', '_');
        Map<?, ?> r = sdk.uploader().upload(file.toFile(), ObjectUtils.asMap("resource_type", "auto", "public_id", id,
                "eager", Fixtures.eager(IMAGE_EAGER)));
        assertThat(r.get("resource_type")).isEqualTo("image");
        assertThat(r.get("format")).isEqualTo(format);
        assertThat(r.get("width")).isEqualTo(width);
        assertThat(r.get("height")).isEqualTo(height);
        List<Map<String, Object>> eager = (List<Map<String, Object>>) r.get("eager");
        BufferedImage thumb = Fixtures.decode(Fixtures.get((String) eager.get(0).get("url")).body());
        assertThat(new int[] {thumb.getWidth(), thumb.getHeight()}).containsExactly(250, 250);
        HttpResponse<byte[]> previewRes = Fixtures.get((String) eager.get(1).get("url"));
        assertThat(previewRes.headers().firstValue("Content-Type")).contains("image/webp");
        BufferedImage preview = Fixtures.decode(previewRes.body());
        assertThat(new int[] {preview.getWidth(), preview.getHeight()}).containsExactly(width, height);
        assertThat(Media.quadrants(preview)).as("preview content").isEqualTo(upright);
        HttpResponse<byte[]> original = Fixtures.get((String) r.get("url"));
        assertThat(original.headers().firstValue("Content-Type")).contains("image/" + format);
        assertThat(original.body()).isEqualTo(Files.readAllBytes(file));
        JsonNode admin = Fixtures.json(Fixtures.get(emulator.baseUri() + "/v1_1/chirpchat/resources/image/upload/" + id,
                "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (Fixtures.API_KEY + ":" + Fixtures.API_SECRET).getBytes(StandardCharsets.UTF_8))).body());
        assertThat(admin.path("format").asText()).isEqualTo(format);
    }

    /** The RIFF chunks of a WebP file: enough to tell an animation from a still. */
    record WebpChunks(boolean animated, int frames, int[] canvas, int totalMillis) {
        static WebpChunks of(byte[] webp) {
            ByteBuffer b = ByteBuffer.wrap(webp).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(webp, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(new String(webp, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
            boolean animated = false;
            int frames = 0;
            int millis = 0;
            int[] canvas = {0, 0};
            int at = 12;
            while (at + 8 <= webp.length) {
                String type = new String(webp, at, 4, StandardCharsets.US_ASCII);
                int size = b.getInt(at + 4);
                int data = at + 8;
                if (type.equals("VP8X")) {
                    animated = (webp[data] & 0x02) != 0;
                    canvas = new int[] {u24(webp, data + 4) + 1, u24(webp, data + 7) + 1};
                } else if (type.equals("ANMF")) {
                    frames++;
                    millis += u24(webp, data + 12);
                }
                at = data + size + (size & 1);
            }
            return new WebpChunks(animated, frames, canvas, millis);
        }

        private static int u24(byte[] d, int i) {
            return (d[i] & 0xff) | (d[i + 1] & 0xff) << 8 | (d[i + 2] & 0xff) << 16;
        }
    }
}
