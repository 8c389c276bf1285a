package com.chirpchat.application.event;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.chirpchat.domain.chat.ChatId;

/**
 * The net under the fanout. Every {@code interval} it reads, in one batched read, the newest committed seq of each
 * chat with local listeners and compares it with what that chat's stream has delivered; a stream still behind that
 * head a {@code grace} later (so the event was not merely on its way) is caught up from storage. An event whose
 * publisher died between commit and publish, or whose publication the fanout lost with nothing after it in the chat
 * to reveal the gap, thus reaches the connections within {@code interval + grace} and two reads. A {@code member_added}
 * found that way is published again (the dead publisher never told the user's instance), so a user connected where
 * nobody follows the chat hears of it too, as long as someone in the chat is connected somewhere.
 * <p>
 * Why this and not an outbox or {@code LISTEN/NOTIFY}: it needs nothing from the publisher (which may be dead), no
 * extra write per change and no database-specific channel (it runs on H2 too); its cost is one indexed read per
 * interval for the chats this instance follows, whatever the traffic, and a storage read only for streams that
 * really are behind.
 */
public final class CommitWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CommitWatch.class.getName());

    private final ChatStreams streams;
    private final ChatEventFanout fanout;
    private final LoadChatHeadsPort heads;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final Duration grace;
    private final AtomicLong caughtUp = new AtomicLong();
    private volatile boolean closed;

    private CommitWatch(ChatStreams streams, ChatEventFanout fanout, LoadChatHeadsPort heads, TaskScheduler scheduler,
                        Duration interval, Duration grace) {
        this.streams = streams;
        this.fanout = fanout;
        this.heads = heads;
        this.scheduler = scheduler;
        this.interval = interval;
        this.grace = grace;
    }

    /** Watches the chats {@code router} delivers, first {@code interval} from now; stop it with {@link #close()}. */
    public static CommitWatch start(LiveEventRouter router, LoadChatHeadsPort heads, TaskScheduler scheduler,
                                    Duration interval, Duration grace) {
        if (interval.isNegative() || interval.isZero() || grace.isNegative()) {
            throw new IllegalArgumentException("the interval must be positive and the grace not negative");
        }
        CommitWatch watch = new CommitWatch(router.streams(), router.fanout(), heads, scheduler, interval, grace);
        scheduler.schedule(interval, watch::tick);
        return watch;
    }

    /** Streams found behind what was committed, and caught up: events the fanout never brought. */
    public long caughtUp() {
        return caughtUp.get();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            List<Behind> behind = behind();
            if (!behind.isEmpty()) {
                scheduler.schedule(grace, () -> catchUp(behind));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not compare the chats' newest events with what was delivered", e);
        } finally {
            if (!closed) {
                scheduler.schedule(interval, this::tick);
            }
        }
    }

    /** A stream and the newest seq storage had for its chat. */
    private record Behind(ChatStream stream, long head) {
    }

    private List<Behind> behind() {
        Map<ChatId, ChatStream> open = new HashMap<>();
        for (ChatStream stream : streams.all()) {
            open.put(stream.chatId(), stream);
        }
        if (open.isEmpty()) {
            return List.of();
        }
        List<Behind> behind = new ArrayList<>();
        heads.lastSeqs(open.keySet()).forEach((chatId, head) -> {
            ChatStream stream = open.get(chatId);
            if (stream != null && head > stream.delivered()) {
                behind.add(new Behind(stream, head));
            }
        });
        return behind;
    }

    private void catchUp(List<Behind> behind) {
        for (Behind found : behind) {
            if (closed) {
                return;
            }
            if (found.stream().delivered() < found.head()) {
                caughtUp.incrementAndGet();
                // a user added by the publisher that died may be connected to an instance that follows nothing of
                // the chat: announce the join again, as its publisher would have, so theirs opens the chat too
                found.stream().catchUpTo(found.head()).forEach(fanout::publish);
            }
        }
    }
}
