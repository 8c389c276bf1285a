package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.cloudinary.utils.ObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JPEG's EXIF Orientation (how cameras and phones store a turned picture) is applied to every image variant,
 * as Cloudinary does by default, and the reported size is the upright one. The original stays byte-identical.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK's API is raw-typed
class ImageOrientationTest {

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;

    @BeforeAll
    static void start() {
        emulator = Fixtures.emulator(dir.resolve("data")).build().start();
        sdk = Fixtures.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @ParameterizedTest(name = "Orientation={0}")
    @CsvSource({
        "1, 400, 300, RGBW",   // as stored
        "2, 400, 300, GRWB",   // mirrored left-right
        "3, 400, 300, WBGR",   // upside down
        "5, 300, 400, RBGW",   // transposed
        "6, 300, 400, BRWG",   // turn 90° clockwise to view: the usual portrait phone photo
        "8, 300, 400, GWRB"})  // turn 90° counter-clockwise to view
    void everyVariantIsUprightAndSizesAreTheUprightOnes(int orientation, int width, int height, String upright) throws Exception {
        Path jpeg = withOrientation(Media.quadrantPicture(400, 300), orientation, "o" + orientation + ".jpg");
        Map<?, ?> r = sdk.uploader().upload(jpeg.toFile(), ObjectUtils.asMap("public_id", "photos/o" + orientation,
                "eager", Fixtures.eager("c_fill,g_auto,h_250,w_250/jpg", "c_limit,q_auto,w_800/webp")));
        assertThat(r.get("width")).isEqualTo(width);
        assertThat(r.get("height")).isEqualTo(height);
        List<Map<String, Object>> eager = (List<Map<String, Object>>) r.get("eager");
        assertThat(eager.get(1)).containsEntry("width", width).containsEntry("height", height);

        BufferedImage preview = Fixtures.decode(Fixtures.get((String) eager.get(1).get("url")).body());
        assertThat(new int[] {preview.getWidth(), preview.getHeight()}).containsExactly(width, height);
        assertThat(Media.quadrants(preview)).as("preview content").isEqualTo(upright);
        BufferedImage thumb = Fixtures.decode(Fixtures.get((String) eager.get(0).get("url")).body());
        assertThat(new int[] {thumb.getWidth(), thumb.getHeight()}).containsExactly(250, 250);
        BufferedImage onTheFly = Fixtures.decode(Fixtures.get(sdk.url().transformation(
                new com.cloudinary.Transformation().width(100).crop("scale")).format("png").generate("photos/o" + orientation)).body());
        assertThat(onTheFly.getWidth()).isEqualTo(100);
        assertThat(onTheFly.getHeight()).isEqualTo(100 * height / width);
        assertThat(Media.quadrants(onTheFly)).as("on-the-fly variant content").isEqualTo(upright);

        HttpResponse<byte[]> original = Fixtures.get((String) r.get("url"));
        assertThat(original.body()).as("the original is delivered as uploaded").isEqualTo(Files.readAllBytes(jpeg));
    }

    /** A JPEG of {@code img} with an EXIF APP1 segment holding only {@code Orientation}, right after SOI. */
    static Path withOrientation(BufferedImage img, int orientation, String name) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", jpeg);
        byte[] plain = jpeg.toByteArray();
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // big-endian TIFF header, IFD0 at 8
        tiff.putShort((short) 1);                                                // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);            // Orientation, SHORT, count 1
        tiff.putShort((short) orientation).putShort((short) 0);                 // value, left-justified
        tiff.putInt(0);                                                          // no next IFD
        byte[] exif = ByteBuffer.allocate(6 + 26).put("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put(tiff.array()).array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif);
        out.write(plain, 2, plain.length - 2);
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }
}
