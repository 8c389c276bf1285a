package smoke;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import com.chirpchat.adapters.persistence.JdbcStore;
import com.chirpchat.adapters.persistence.Persistence;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.ledger.ApplyMediaReport;
import com.chirpchat.domain.ledger.DeleteMessage;
import com.chirpchat.domain.ledger.FoundedChat;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.ledger.ReportEffect;
import com.chirpchat.domain.ledger.StartUpload;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaReport;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.AssetKey;
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
            store.create(FoundedChat.found(chat, new ChatTitle("t"), Instant.now(), user.id(), List.of()));
            store.apply(new PostText(chat, user.id(), new MessageId(UUID.randomUUID()), new MessageText("hi"), Optional.empty(), Instant.now()));
            // media: V2's columns and tables, the notification record, and the deletion queue's SKIP LOCKED claim
            MessageId media = new MessageId(UUID.randomUUID());
            AssetKey key = new AssetKey(chat, media);
            store.apply(new StartUpload(chat, user.id(), media, ResourceType.IMAGE, Optional.empty(), OptionalLong.empty(), Optional.empty(),
                                        MediaLimits.defaults(), Instant.now()));
            MediaReport.Uploaded uploaded = new MediaReport.Uploaded(MediaFacts.UNKNOWN, Optional.of(List.of("thumbnail_250")));
            ReportEffect fresh = store.apply(new ApplyMediaReport(key, "n-" + key, uploaded, MediaLimits.defaults(), Instant.now())).result();
            ReportEffect repeat = store.apply(new ApplyMediaReport(key, "n-" + key, uploaded, MediaLimits.defaults(), Instant.now())).result();
            System.out.println("media: " + store.message(media).flatMap(m -> m.media()).map(a -> a.status().wireName()).orElse("none"));
            System.out.println("notification handled: " + fresh + "/" + repeat);
            store.apply(new DeleteMessage(chat, user.id(), media, Instant.now()));
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
