package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaOutcome;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.user.UserId;

/**
 * {@code actor} removes {@code member} from the chat, or leaves it when they are the same
 * ({@code member_removed}, with the role the member had). The result is the membership that ended. The member's
 * uploads still under way fail first ({@code media_failed}, their files queued for deletion): a signature obtained
 * while a member must not put media into the chat after they are gone, and whatever still arrives is destroyed.
 */
public record RemoveMember(ChatId chatId, UserId actor, UserId member, Instant at) implements ChatCommand<Membership> {
    static final String LEFT = "the uploader left the chat";
    static final String REMOVED = "the uploader was removed from the chat";

    public RemoveMember {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Concerns concerns() {
        Concerns concerns = Concerns.NONE.member(actor).member(member).uploadsOf(member);
        // only leaving asks how many owners and members remain
        return actor.equals(member) ? concerns.withCounts() : concerns;
    }

    @Override
    public Outcome<Membership> decide(ChatState state) {
        Recorder recorder = Recorder.on(state, chatId);
        if (MembershipRules.mayRemoveMember(state.roster(), actor, member) instanceof Decision.Rejected no) {
            return Outcome.rejected(no);
        }
        Role role = state.roster().roleOf(member).orElseThrow();
        String reason = actor.equals(member) ? LEFT : REMOVED;
        for (Message pending : state.pendingUploadsOf(member)) {
            MediaAsset before = pending.media().orElseThrow();
            MediaChanges.store(recorder, pending, new MediaOutcome.Changed(before, before.failed(reason)), at);
        }
        recorder.emit(at, new EventData.MemberRemoved(member, role));
        recorder.write(new ChatWrite.DeleteMember(member));
        recorder.update(s -> s.withRoster(s.roster().without(member)));
        return recorder.accept(new Membership(member, role));
    }
}
