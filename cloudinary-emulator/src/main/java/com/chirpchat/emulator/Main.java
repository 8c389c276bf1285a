package com.chirpchat.emulator;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code java -p <jar>:<libs> -m com.chirpchat.emulator [--key=value...]}.
 * Settings come from {@code MEDIA_EMULATOR_*} environment variables and {@code --key=value} arguments (arguments
 * win), using the configuration keys of {@link MediaEmulator#create}: {@code MEDIA_EMULATOR_PORT=9000} or
 * {@code --port=9000}; nested keys use {@code __} in variables and {@code .} in arguments
 * ({@code MEDIA_EMULATOR_NOTIFICATIONS__MAX_ATTEMPTS=3}, {@code --notifications.max-attempts=3}).
 */
public final class Main {

    static final String ENV_PREFIX = "MEDIA_EMULATOR_";
    static final int DEFAULT_PORT = 9190;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings = settings(System.getenv(), args);
        if (settings.containsKey("help")) {
            System.out.println("Usage: java -p <jar>:<libs> -m com.chirpchat.emulator [--port=9190] [--host=127.0.0.1] "
                    + "[--data-dir=data/media] [--cloud-name=chirpchat] [--api-key=..] [--api-secret=..] [--token-key=hex] ...\n"
                    + "See cloudinary-emulator/README.md for every setting.");
            return;
        }
        settings.putIfAbsent("port", String.valueOf(DEFAULT_PORT));
        MediaEmulator emulator = MediaEmulator.create(Config.just(ConfigSources.create(settings)));
        emulator.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }, "media-emulator-shutdown"));
        System.out.println("Cloudinary emulator listening on " + emulator.baseUri());
        System.out.println("  cloud_name    = " + emulator.cloudName());
        System.out.println("  api_key       = " + emulator.apiKey());
        System.out.println("  api_secret    = " + emulator.apiSecret());
        System.out.println("  token_key     = " + emulator.tokenKey());
        System.out.println("  data_dir      = " + emulator.dataDir());
        System.out.println("  ffmpeg        = " + emulator.mediaTools().describe());
        System.out.println("  upload API    = " + emulator.baseUri() + "/v1_1/" + emulator.cloudName() + "/auto/upload");
        System.out.println("  SDK config    = " + emulator.sdkConfig());
        System.out.println("  CLOUDINARY_URL=" + emulator.cloudinaryUrl());
        System.out.flush();
        stopped.await();
    }

    /** Merges environment variables and arguments into configuration keys. */
    static Map<String, String> settings(Map<String, String> env, String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT)
                        .replace("__", ".").replace('_', '-');
                out.put(key, value);
            }
        });
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                out.put("help", "true");
            } else if (arg.startsWith("--") && arg.contains("=")) {
                out.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new MediaEmulatorException("Unrecognised argument '" + arg + "' (use --key=value, or --help)");
            }
        }
        return out;
    }
}
