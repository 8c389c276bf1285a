package com.chirpchat.emulator.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartParserTest {

    @TempDir
    Path temp;

    @Test
    void readsFieldsAndABinaryFileAcrossBufferBoundaries() throws IOException {
        byte[] file = new byte[300_000];
        new Random(1).nextBytes(file);
        // plant something that looks like a boundary start inside the file
        byte[] fake = "\r\n--XyZ".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(fake, 0, file, 65_530, fake.length);
        byte[] body = body("XyZb0undary", file);
        Params params = new Params();
        // one byte at a time for part of the stream, to exercise refills
        new MultipartParser(new TrickleInputStream(new ByteArrayInputStream(body)), "XyZb0undary", temp, 1_000_000, "?")
                .parse(params);
        assertThat(params.get("api_key")).contains("123");
        assertThat(params.get("tags")).contains("a,b");
        assertThat(params.file()).isPresent();
        assertThat(params.file().get().filename()).isEqualTo("photo.bin");
        assertThat(Files.readAllBytes(params.file().get().path())).isEqualTo(file);
    }

    @Test
    void refusesFilesOverTheLimit() {
        byte[] body = body("b", new byte[5000]);
        Params params = new Params();
        assertThatThrownBy(() -> new MultipartParser(new ByteArrayInputStream(body), "b", temp, 1000, "5400").parse(params))
                .isInstanceOf(ApiException.class)
                .hasMessage("File size too large. Got 5400. Maximum is 1000.");
    }

    @Test
    void refusesTruncatedBodies() {
        byte[] body = body("b", new byte[100]);
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 30);
        assertThatThrownBy(() -> new MultipartParser(new ByteArrayInputStream(cut), "b", temp, 1000, "?").parse(new Params()))
                .isInstanceOf(ApiException.class);
    }

    private static byte[] body(String boundary, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\n123\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\na\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\nb\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\x\\\\photo.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Returns small, uneven reads. */
    private static final class TrickleInputStream extends FilterInputStream {
        private int calls;

        TrickleInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            calls++;
            return super.read(b, off, Math.min(len, calls % 7 == 0 ? 1 : 4093));
        }
    }
}
