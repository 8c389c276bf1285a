package smoke;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.chirpchat.adapters.persistence.JdbcStore;
import com.chirpchat.adapters.persistence.Persistence;
import com.chirpchat.application.chat.CreateChatPort;
import com.chirpchat.application.ledger.NewMessage;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.DisplayName;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Run by ModulePathIT with {@code java -p ... -m}: opens the store twice (migrating, then finding nothing to
 * migrate), writes and reads through it, and prints a line per fact for the test to check.
 * Arguments: data directory, then optionally a JDBC URL and user name.
 */
public final class ModulePathSmoke {
    public static void main(String[] args) {
        Map<String, String> values = new HashMap<>();
        if (args.length > 2) {
            values.put("url", args[1]);
            values.put("username", args[2]);
        }
        Config config = Config.just(ConfigSources.create(values));
        ChatId chat = new ChatId(UUID.randomUUID());
        try (Persistence persistence = Persistence.create(config, Path.of(args[0]))) {
            System.out.println("named module: " + Persistence.class.getModule().isNamed());
            JdbcStore store = persistence.store();
            User user = new User(new UserId(UUID.randomUUID()), new Username("mp-" + UUID.randomUUID().toString().substring(0, 8)),
                                 new DisplayName("Module path"));
            System.out.println("registered: " + store.create(user, "hash", Instant.now()));
            store.create(new CreateChatPort.NewChat(chat, new ChatTitle("t"), Instant.now(), List.of(new Membership(user.id(), Role.OWNER))));
            store.change(chat, c -> c.appendMessage(NewMessage.text(new MessageId(UUID.randomUUID()), user.id(), new MessageText("hi"),
                                                                    Optional.empty(), Instant.now())));
            // media: V2's columns and tables, and the deletion queue's SKIP LOCKED claim
            String key = "chats/" + chat + "/" + UUID.randomUUID();
            MessageId media = new MessageId(UUID.randomUUID());
            store.change(chat, c -> c.appendMessage(NewMessage.media(media, user.id(), MediaAsset.uploading(ResourceType.IMAGE, key),
                                                                     Optional.empty(), Instant.now())));
            MediaAsset ready = MediaAsset.uploading(ResourceType.IMAGE, key).uploaded(MediaFacts.UNKNOWN).processed(List.of("thumbnail_250"));
            store.change(chat, c -> c.settleMedia(media, ready, Instant.now()));
            System.out.println("media by key: " + store.messageByAssetKey(key).flatMap(m -> m.media()).map(a -> a.status().wireName()).orElse("none"));
            boolean fresh = store.change(chat, c -> c.recordNotification("n-" + key, Instant.now()));
            boolean repeat = store.change(chat, c -> c.recordNotification("n-" + key, Instant.now()));
            System.out.println("notification recorded: " + fresh + "/" + repeat);
            store.change(chat, c -> {
                c.scheduleMediaDeletion(key, ResourceType.IMAGE, Instant.now());
                return null;
            });
            System.out.println("claimed deletions: " + store.claimDue(Instant.now(), Duration.ofMinutes(1), 10).size());
            System.out.println("embedded: " + persistence.embedded());
            System.out.println("ping rows: " + persistence.dbClient().execute().namedQuery(Persistence.PING_STATEMENT).count());
        }
        try (Persistence again = Persistence.create(config, Path.of(args[0]))) {
            System.out.println("events after restart: " + again.store().eventsAfter(chat, 0, 10).size());
            System.out.println("deletions after restart: " + again.store().stats());
        }
    }
}
