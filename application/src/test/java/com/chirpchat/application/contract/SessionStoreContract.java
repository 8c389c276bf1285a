package com.chirpchat.application.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.SessionId;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.application.account.SessionStorePort.Exchange;
import com.chirpchat.application.account.SessionStorePort.RefreshToken;
import com.chirpchat.domain.user.DisplayName;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every session store must do (the in-memory fake, the embedded database, PostgreSQL): refresh tokens used
 * once, what a replay or an ended session finds, revocations visible to every instance by time.
 */
public abstract class SessionStoreContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A store in which fresh random ids are free. */
    protected abstract SessionStorePort sessions();

    /** Where users are created (sessions belong to existing users). */
    protected abstract CreateUserPort users();

    private UserId user() {
        String name = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        User user = new User(new UserId(UUID.randomUUID()), new Username(name), new DisplayName(name));
        assertThat(users().create(user, "hash", T0)).isTrue();
        return user.id();
    }

    private static String hash() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    private static SessionId sessionId() {
        return new SessionId(UUID.randomUUID());
    }

    @Test
    void aRefreshTokenIsExchangedOnceAndItsReplacementWorks() {
        SessionStorePort store = sessions();
        UserId user = user();
        SessionId session = sessionId();
        String first = hash();
        store.start(session, user, new RefreshToken(first, T0.plus(Duration.ofDays(1))), T0);

        String second = hash();
        assertThat(store.exchange(first, new RefreshToken(second, T0.plus(Duration.ofDays(2))), T0.plusSeconds(60)))
                .isEqualTo(new Exchange.Exchanged(session, user));
        assertThat(store.exchange(first, new RefreshToken(hash(), T0.plus(Duration.ofDays(2))), T0.plusSeconds(61)))
                .as("the used token again: a replay").isEqualTo(new Exchange.Reused(session, user));
        String third = hash();
        assertThat(store.exchange(second, new RefreshToken(third, T0.plus(Duration.ofDays(3))), T0.plusSeconds(62)))
                .isEqualTo(new Exchange.Exchanged(session, user));
        assertThat(store.exchange(hash(), new RefreshToken(hash(), T0.plus(Duration.ofDays(3))), T0.plusSeconds(63)))
                .isEqualTo(new Exchange.Unknown());
    }

    @Test
    void anExpiredTokenOrARevokedSessionExchangesNothing() {
        SessionStorePort store = sessions();
        UserId user = user();
        SessionId session = sessionId();
        String first = hash();
        store.start(session, user, new RefreshToken(first, T0.plusSeconds(100)), T0);
        assertThat(store.exchange(first, new RefreshToken(hash(), T0.plusSeconds(300)), T0.plusSeconds(100)))
                .isEqualTo(new Exchange.Ended(session));

        SessionId other = sessionId();
        String token = hash();
        store.start(other, user, new RefreshToken(token, T0.plus(Duration.ofDays(1))), T0);
        assertThat(store.revoke(other, "logout", T0.plusSeconds(5))).isTrue();
        assertThat(store.revoke(other, "logout", T0.plusSeconds(6))).as("once").isFalse();
        String replacement = hash();
        assertThat(store.exchange(token, new RefreshToken(replacement, T0.plus(Duration.ofDays(2))), T0.plusSeconds(7)))
                .isEqualTo(new Exchange.Ended(other));
        assertThat(store.exchange(replacement, new RefreshToken(hash(), T0.plus(Duration.ofDays(2))), T0.plusSeconds(8)))
                .as("nothing was stored for the refused exchange").isEqualTo(new Exchange.Unknown());
    }

    @Test
    void revokingAllEndsEveryLiveSessionOfTheUserOnly() {
        SessionStorePort store = sessions();
        UserId ada = user();
        UserId bob = user();
        SessionId a1 = sessionId();
        SessionId a2 = sessionId();
        SessionId a3 = sessionId();
        SessionId b1 = sessionId();
        String bobs = hash();
        store.start(a1, ada, new RefreshToken(hash(), T0.plus(Duration.ofDays(1))), T0);
        store.start(a2, ada, new RefreshToken(hash(), T0.plus(Duration.ofDays(1))), T0);
        store.start(a3, ada, new RefreshToken(hash(), T0.plus(Duration.ofDays(1))), T0);
        store.start(b1, bob, new RefreshToken(bobs, T0.plus(Duration.ofDays(1))), T0);
        store.revoke(a3, "logout", T0.plusSeconds(1));

        assertThat(store.revokeAll(ada, "logout_all", T0.plusSeconds(10))).containsExactlyInAnyOrder(a1, a2);
        assertThat(store.revokeAll(ada, "logout_all", T0.plusSeconds(11))).isEmpty();
        assertThat(store.exchange(bobs, new RefreshToken(hash(), T0.plus(Duration.ofDays(2))), T0.plusSeconds(12)))
                .isEqualTo(new Exchange.Exchanged(b1, bob));
    }

    @Test
    void revocationsAreFoundByTime() {
        SessionStorePort store = sessions();
        UserId user = user();
        Instant base = Instant.now().plus(Duration.ofDays(3650)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        SessionId early = sessionId();
        SessionId late = sessionId();
        SessionId live = sessionId();
        store.start(early, user, new RefreshToken(hash(), base.plus(Duration.ofDays(1))), base);
        store.start(late, user, new RefreshToken(hash(), base.plus(Duration.ofDays(1))), base);
        store.start(live, user, new RefreshToken(hash(), base.plus(Duration.ofDays(1))), base);
        store.revoke(early, "logout", base.plusSeconds(10));
        store.revoke(late, "logout", base.plusSeconds(20));

        assertThat(store.revokedAfter(base)).containsExactly(new SessionStorePort.Revocation(early, base.plusSeconds(10)),
                                                             new SessionStorePort.Revocation(late, base.plusSeconds(20)));
        assertThat(store.revokedAfter(base.plusSeconds(10))).extracting(SessionStorePort.Revocation::session).containsExactly(late);
        assertThat(store.revokedAfter(base.plusSeconds(20))).isEmpty();
    }

    @Test
    void housekeepingForgetsExpiredTokensOldRevocationsAndSessionsLeftWithoutTokens() {
        SessionStorePort store = sessions();
        UserId user = user();
        Instant base = Instant.parse("2027-06-01T00:00:00Z");
        SessionId live = sessionId();
        String liveOld = hash();
        String liveNew = hash();
        store.start(live, user, new RefreshToken(liveOld, base.plus(Duration.ofDays(1))), base);
        store.exchange(liveOld, new RefreshToken(liveNew, base.plus(Duration.ofDays(30))), base.plusSeconds(60));
        SessionId abandoned = sessionId();
        store.start(abandoned, user, new RefreshToken(hash(), base.plus(Duration.ofDays(1))), base);
        SessionId loggedOut = sessionId();
        store.start(loggedOut, user, new RefreshToken(hash(), base.plus(Duration.ofDays(30))), base);
        store.revoke(loggedOut, "logout", base.plusSeconds(10));
        SessionId justLoggedOut = sessionId();
        store.start(justLoggedOut, user, new RefreshToken(hash(), base.plus(Duration.ofDays(30))), base);
        store.revoke(justLoggedOut, "logout", base.plus(Duration.ofDays(2)));

        Instant now = base.plus(Duration.ofDays(2)).plusSeconds(60);
        // tokens expired before now, revocations older than an hour (a shared store may hold other tests' rows too)
        assertThat(store.forget(now, now.minus(Duration.ofHours(1)))).isGreaterThanOrEqualTo(5);

        assertThat(store.exchange(liveNew, new RefreshToken(hash(), now.plus(Duration.ofDays(30))), now))
                .as("the live session and its current token stay").isEqualTo(new Exchange.Exchanged(live, user));
        assertThat(store.exchange(liveOld, new RefreshToken(hash(), now.plus(Duration.ofDays(30))), now))
                .as("its expired, used token is gone").isEqualTo(new Exchange.Unknown());
        assertThat(store.revokedAfter(base)).extracting(SessionStorePort.Revocation::session)
                .as("a recent revocation stays for the other instances' polls, an old one goes")
                .contains(justLoggedOut).doesNotContain(loggedOut);
        assertThat(store.revoke(abandoned, "logout", now)).as("the session without tokens is gone").isFalse();
        assertThat(store.forget(now, now.minus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void concurrentExchangesOfOneTokenLetExactlyOneThrough() throws Exception {
        SessionStorePort store = sessions();
        UserId user = user();
        SessionId session = sessionId();
        String token = hash();
        store.start(session, user, new RefreshToken(token, T0.plus(Duration.ofDays(1))), T0);
        int racers = 4;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Exchange>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Exchange> race = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return store.exchange(token, new RefreshToken(hash(), T0.plus(Duration.ofDays(2))), T0.plusSeconds(1));
                };
                results.add(pool.submit(race));
            }
            List<Exchange> outcomes = new ArrayList<>();
            for (Future<Exchange> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn(e -> e instanceof Exchange.Exchanged).hasSize(1);
            assertThat(outcomes).filteredOn(e -> e instanceof Exchange.Reused).hasSize(racers - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
