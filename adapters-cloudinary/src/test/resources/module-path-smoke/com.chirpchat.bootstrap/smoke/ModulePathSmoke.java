package smoke;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import com.chirpchat.adapters.cloudinary.CloudinaryMediaStore;
import com.chirpchat.adapters.cloudinary.CloudinarySettings;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.media.MediaLinks;
import com.chirpchat.application.media.RawNotification;
import com.chirpchat.application.media.UploadSpec;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;

/**
 * Run by ModulePathIT with {@code java -p ... -m}: the adapter's SDK calls (ping, destroy: the reflectively
 * loaded HTTP layer), signing, token URLs and a notification read with Jackson, one line per fact.
 * Arguments: CLOUDINARY_URL, token key, a notification body, its timestamp and signature.
 */
public final class ModulePathSmoke {
    public static void main(String[] args) {
        CloudinaryMediaStore store = CloudinaryMediaStore.create(CloudinarySettings.builder().cloudinaryUrl(args[0])
                .tokenKey(args[1]).requestTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
        System.out.println("named module: " + CloudinaryMediaStore.class.getModule().isNamed());
        System.out.println("application module: " + com.chirpchat.application.media.MediaStore.class.getModule().getName());
        System.out.println("mode: " + store.deliveryMode());
        System.out.println("reachable: " + store.reachable());
        System.out.println("upload url: " + store.signUpload(new UploadSpec("chats/c1", "m1", ResourceType.VIDEO, Set.of("mp4"), 1)).uploadUrl());
        store.destroy("chats/c1/never-uploaded", ResourceType.IMAGE);
        System.out.println("destroyed: ok");
        MediaAsset asset = MediaAsset.uploading(ResourceType.IMAGE, "chats/c1/m1").uploaded(new MediaFacts(Optional.of("png"),
                OptionalLong.of(1), OptionalInt.of(1), OptionalInt.of(1), OptionalDouble.empty()));
        MediaLinks links = store.links(asset, Duration.ofMinutes(1));
        System.out.println("token url: " + links.original().url().getRawQuery().startsWith("__cld_token__="));
        System.out.println("notification: " + store.readNotification(new RawNotification(args[2].getBytes(StandardCharsets.UTF_8), args[3], args[4])));
        try {
            store.readNotification(new RawNotification(args[2].getBytes(StandardCharsets.UTF_8), args[3], "0".repeat(40)));
        } catch (UseCaseException e) {
            System.out.println("forged: " + e.code());
        }
    }
}
