package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.cloudinary.EagerTransformation;
import com.cloudinary.Transformation;
import com.cloudinary.utils.ObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Real image outputs, decoded: the thumbnail is a 250×250 JPEG, the preview a WebP at most 800 wide, never upscaled. */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK\'s API is raw-typed
class ImageOutputsTest {

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;

    static final List<EagerTransformation> EAGER = List.of(
            new EagerTransformation().crop("fill").gravity("auto").height(250).width(250).format("jpg"),
            new EagerTransformation().crop("limit").quality("auto").width(800).format("webp"));

    @BeforeAll
    static void start() {
        emulator = Fixtures.emulator(dir.resolve("data")).build().start();
        sdk = Fixtures.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void largeImageGivesA250ThumbnailAnd800WidePreview() throws Exception {
        Map<?, ?> r = sdk.uploader().upload(Fixtures.png(dir, "big.png", 1600, 1200).toFile(),
                ObjectUtils.asMap("public_id", "big", "eager", EAGER));
        List<?> eager = (List<?>) r.get("eager");

        BufferedImage thumb = fetch((String) ((Map<?, ?>) eager.get(0)).get("url"), "image/jpeg", "JPEG");
        assertThat(thumb.getWidth()).isEqualTo(250);
        assertThat(thumb.getHeight()).isEqualTo(250);

        BufferedImage preview = fetch((String) ((Map<?, ?>) eager.get(1)).get("url"), "image/webp", "webp");
        assertThat(preview.getWidth()).isEqualTo(800);
        assertThat(preview.getHeight()).isEqualTo(600);
        assertThat(((Map<?, ?>) eager.get(1)).get("width")).isEqualTo(800);
    }

    @Test
    void smallImageIsNeverUpscaled() throws Exception {
        Map<?, ?> r = sdk.uploader().upload(Fixtures.png(dir, "small.png", 300, 120).toFile(),
                ObjectUtils.asMap("public_id", "small", "eager", EAGER));
        List<?> eager = (List<?>) r.get("eager");
        BufferedImage preview = fetch((String) ((Map<?, ?>) eager.get(1)).get("url"), "image/webp", "webp");
        assertThat(preview.getWidth()).isEqualTo(300);
        assertThat(preview.getHeight()).isEqualTo(120);
        // the thumbnail is a cropped fill: always exactly 250×250
        BufferedImage thumb = fetch((String) ((Map<?, ?>) eager.get(0)).get("url"), "image/jpeg", "JPEG");
        assertThat(thumb.getWidth()).isEqualTo(250);
        assertThat(thumb.getHeight()).isEqualTo(250);
    }

    @Test
    void onTheFlyTransformationsFromSdkUrls() throws Exception {
        sdk.uploader().upload(Fixtures.png(dir, "lazy.png", 400, 300).toFile(), ObjectUtils.asMap("public_id", "lazy"));
        String padded = sdk.url().transformation(new Transformation().width(200).height(200).crop("pad").background("black"))
                .format("png").generate("lazy");
        BufferedImage img = fetch(padded, "image/png", "png");
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(img.getHeight()).isEqualTo(200);
        assertThat(img.getRGB(100, 5) & 0xffffff).isEqualTo(0); // padding band is black

        String converted = sdk.url().format("webp").generate("lazy");
        assertThat(fetch(converted, "image/webp", "webp").getWidth()).isEqualTo(400);
    }

    private static BufferedImage fetch(String url, String contentType, String formatName) throws Exception {
        HttpResponse<byte[]> res = Fixtures.get(url);
        assertThat(res.statusCode()).as(url + " " + res.headers().firstValue("X-Cld-Error").orElse("")).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).contains(contentType);
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(res.body()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            assertThat(reader.getFormatName()).isEqualToIgnoringCase(formatName);
            reader.setInput(in);
            return reader.read(0);
        }
    }
}
