package com.chirpchat.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Credentials made up on first start when none are configured, kept in {@code <dataDir>/credentials.json} so that
 * signed URLs and clients keep working across restarts.
 */
record GeneratedCredentials(String apiKey, String apiSecret, String tokenKey) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static GeneratedCredentials loadOrCreate(Path dataDir, boolean needed) {
        if (!needed) {
            return new GeneratedCredentials("", "", "");
        }
        Path file = dataDir.resolve("credentials.json");
        try {
            if (Files.isRegularFile(file)) {
                JsonNode json = MAPPER.readTree(file.toFile());
                return new GeneratedCredentials(json.path("api_key").asText(), json.path("api_secret").asText(),
                        json.path("token_key").asText());
            }
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < 15; i++) {
                key.append(RANDOM.nextInt(10));
            }
            byte[] secret = new byte[20];
            RANDOM.nextBytes(secret);
            byte[] token = new byte[32];
            RANDOM.nextBytes(token);
            GeneratedCredentials c = new GeneratedCredentials(key.toString(),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(secret), HexFormat.of().formatHex(token));
            Files.createDirectories(dataDir);
            ObjectNode json = MAPPER.createObjectNode();
            json.put("api_key", c.apiKey());
            json.put("api_secret", c.apiSecret());
            json.put("token_key", c.tokenKey());
            Path temp = file.resolveSibling("credentials.json.tmp");
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), json);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return c;
        } catch (IOException e) {
            throw new MediaEmulatorException("Cannot read or create " + file, e);
        }
    }
}
