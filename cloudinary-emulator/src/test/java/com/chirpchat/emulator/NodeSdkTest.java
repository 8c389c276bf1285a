package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Cloudinary's own Node SDK ({@code cloudinary} from npm, pinned by {@code src/test/node/package-lock.json},
 * installed into {@code target/node-sdk}) runs {@code uploader.upload_large} unpatched against the emulator with a
 * signature made the way the backend makes it. That SDK posts its chunking fields ({@code chunk_size},
 * {@code content_range}, {@code filename}, {@code stream}, {@code x_unique_upload_id}) next to the signed ones.
 */
class NodeSdkTest {

    private static final long FIVE_MB = 5L * 1024 * 1024;
    private static final Path SDK_DIR = Path.of("target", "node-sdk").toAbsolutePath();

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;

    @BeforeAll
    static void start() throws Exception {
        installNodeSdk();
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
    void uploadLargeOfAnImageWithAServerMadeSignature() {
        Path png = Fixtures.noisyPng(dir, "big.png", 1400, 1300);
        assertThat(png.toFile().length()).as("needs two chunks").isGreaterThan(FIVE_MB);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("public_id", "m-large");
        signed.put("folder", "chats/c1");
        signed.put("type", "authenticated");
        signed.put("overwrite", "false");
        signed.put("eager", "c_fill,g_auto,h_250,w_250/jpg|c_limit,q_auto,w_800/webp");
        signed.put("eager_async", "true");
        signed.put("allowed_formats", "jpg,png,webp");
        JsonNode out = uploadLarge(png, "image", signed);
        JsonNode result = out.path("result");
        assertThat(out.path("error").isMissingNode()).as(out.toString()).isTrue();
        assertThat(result.path("public_id").asText()).isEqualTo("chats/c1/m-large");
        assertThat(result.path("bytes").asLong()).isEqualTo(png.toFile().length());
        assertThat(result.path("width").asInt()).isEqualTo(1400);
        assertThat(result.path("format").asText()).isEqualTo("png");
        assertThat(result.path("original_filename").asText()).isEqualTo("big");
    }

    @Test
    void aRawFileWhoseFormatCannotBeKnownIsRefusedOnTheFirstChunk() throws Exception {
        Path pdf = pdfLike("notes.pdf");
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("public_id", "m-doc");
        signed.put("folder", "chats/c1");
        signed.put("allowed_formats", "docx,pdf,txt");
        JsonNode out = uploadLarge(pdf, "raw", signed);
        assertThat(out.path("error").path("message").asText()).as(out.toString()).isEqualTo("Raw file format (none) not allowed");
        assertThat(out.path("error").path("http_code").asInt()).isEqualTo(400);
        Path chunks = emulator.dataDir().resolve("tmp").resolve("chunks");
        try (Stream<Path> kept = Files.exists(chunks) ? Files.list(chunks) : Stream.empty()) {
            assertThat(kept).as("no chunk of the refused upload was kept").isEmpty();
        }
    }

    @Test
    void aRawFileTakesItsFormatAndNameFromTheSignedFilenameOverride() throws Exception {
        Path pdf = pdfLike("upload.bin");
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("public_id", "m-doc2");
        signed.put("folder", "chats/c1");
        signed.put("allowed_formats", "docx,pdf,txt");
        signed.put("filename_override", "Quarterly report.pdf");
        JsonNode out = uploadLarge(pdf, "raw", signed);
        JsonNode result = out.path("result");
        assertThat(out.path("error").isMissingNode()).as(out.toString()).isTrue();
        assertThat(result.path("resource_type").asText()).isEqualTo("raw");
        assertThat(result.path("original_filename").asText()).isEqualTo("Quarterly report");
        assertThat(result.path("bytes").asLong()).isEqualTo(pdf.toFile().length());
        java.net.http.HttpResponse<byte[]> delivered = Fixtures.get(result.path("secure_url").asText());
        assertThat(delivered.headers().firstValue("Content-Type")).as("the declared name's type").contains("application/pdf");
        assertThat(delivered.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
                assertThat(v).startsWith("attachment; filename=\"Quarterly report.pdf\""));
    }

    private static Path pdfLike(String name) throws IOException {
        byte[] bytes = new byte[(int) (FIVE_MB + 300_000)];
        new Random(3).nextBytes(bytes);
        byte[] header = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Signs {@code params} + timestamp as a backend would, then lets the Node SDK upload the file in 5 MB chunks. */
    private static JsonNode uploadLarge(Path file, String resourceType, Map<String, String> params) {
        Map<String, Object> toSign = new HashMap<>(params);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        toSign.put("timestamp", timestamp);
        Map<String, Object> options = new LinkedHashMap<>(params);
        options.put("timestamp", timestamp);
        options.put("signature", sdk.apiSignRequest(toSign, Fixtures.API_SECRET, 2));
        options.put("api_key", Fixtures.API_KEY);
        options.put("resource_type", resourceType);
        options.put("chunk_size", FIVE_MB);
        String arg = Fixtures.JSON.valueToTree(Map.of("file", file.toString(), "options", options)).toString();
        List<String> cmd = List.of("node", SDK_DIR.resolve("upload-large.js").toString(), arg);
        String url = "cloudinary://" + Fixtures.API_KEY + "@" + emulator.cloudName() + "?upload_prefix=" + emulator.baseUri();
        String output = run(cmd, Map.of("CLOUDINARY_URL", url), 120);
        String last = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the Node SDK printed no result: " + output));
        return Fixtures.json(last.getBytes(StandardCharsets.UTF_8));
    }

    /** npm ci into target/node-sdk from the committed lockfile, once per build. */
    private static void installNodeSdk() throws IOException {
        Path source = Path.of("src", "test", "node");
        Files.createDirectories(SDK_DIR);
        boolean changed = false;
        for (String name : List.of("package.json", "package-lock.json", "upload-large.js")) {
            Path target = SDK_DIR.resolve(name);
            byte[] wanted = Files.readAllBytes(source.resolve(name));
            if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), wanted)) {
                Files.copy(source.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
                changed = true;
            }
        }
        if (changed || !Files.isDirectory(SDK_DIR.resolve("node_modules").resolve("cloudinary"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 300);
        }
    }

    private static String run(List<String> cmd, Map<String, String> env, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile(dir, "node-", ".log");
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(SDK_DIR.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd.get(0) + " did not finish within " + timeoutSeconds + " s: " + Files.readString(log));
            }
            String text = Files.readString(log);
            if (p.exitValue() != 0) {
                fail(String.join(" ", cmd.subList(0, 2)) + " failed (exit " + p.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            fail("cannot run " + cmd.get(0) + " (" + e.getMessage() + "): this test needs Node.js 20 and npm on the PATH "
                    + "(apt-get install -y nodejs npm) and the npm registry to install Cloudinary's SDK once");
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
