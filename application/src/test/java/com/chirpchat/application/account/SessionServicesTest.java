package com.chirpchat.application.account;

import java.time.Duration;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.fakes.FakeAccessTokens;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionServicesTest {
    private final TestApp app = new TestApp();
    private final User ada = app.user("ada");

    private static void refused(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void aRefreshGivesANewAccessTokenAndANewRefreshTokenOfTheSameSession() {
        SessionTokens login = app.sessions.start(ada.id());
        AccessTokenPort.Claims first = app.authenticate.authenticateSession(login.access().token());
        app.clock.advance(Duration.ofMinutes(10));
        SessionTokens refreshed = app.sessions.refresh(login.refreshToken());
        AccessTokenPort.Claims second = app.authenticate.authenticateSession(refreshed.access().token());

        assertThat(refreshed.refreshToken()).isNotEqualTo(login.refreshToken());
        assertThat(second.user()).isEqualTo(ada.id());
        assertThat(second.session()).isEqualTo(first.session());
        assertThat(second.expiresAt()).isAfter(first.expiresAt());
        assertThat(refreshed.refreshExpiresIn()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void replayingARotatedRefreshTokenEndsTheWholeSession() {
        SessionTokens login = app.sessions.start(ada.id());
        SessionTokens legit = app.sessions.refresh(login.refreshToken());      // the real client moves on
        refused(() -> app.sessions.refresh(login.refreshToken()));             // a thief replays the old one
        refused(() -> app.sessions.refresh(legit.refreshToken()));             // ...and the whole family is gone
        refused(() -> app.authenticate.authenticate(legit.access().token()));  // its access tokens too
        assertThat(app.authenticate.standing(app.tokens.verify(login.access().token()).orElseThrow()))
                .isEqualTo(AuthenticateUseCase.Standing.SESSION_ENDED);
    }

    @Test
    void logOutEndsTheSessionsRefreshAndAccessTokensButNoOtherSession() {
        SessionTokens phone = app.sessions.start(ada.id());
        SessionTokens laptop = app.sessions.start(ada.id());
        app.sessions.logOut(app.authenticate.authenticateSession(phone.access().token()));

        refused(() -> app.authenticate.authenticate(phone.access().token()));
        refused(() -> app.sessions.refresh(phone.refreshToken()));
        assertThat(app.authenticate.authenticate(laptop.access().token())).isEqualTo(ada.id());
        assertThat(app.sessions.refresh(laptop.refreshToken()).access().token()).isNotBlank();
    }

    @Test
    void logOutEverywhereEndsEverySessionOfTheUserOnly() {
        User bob = app.user("bob");
        SessionTokens phone = app.sessions.start(ada.id());
        SessionTokens laptop = app.sessions.start(ada.id());
        SessionTokens bobs = app.sessions.start(bob.id());
        app.sessions.logOutEverywhere(ada.id());

        refused(() -> app.authenticate.authenticate(phone.access().token()));
        refused(() -> app.authenticate.authenticate(laptop.access().token()));
        refused(() -> app.sessions.refresh(laptop.refreshToken()));
        assertThat(app.authenticate.authenticate(bobs.access().token())).isEqualTo(bob.id());
    }

    @Test
    void garbageAndExpiredRefreshTokensAreRefused() {
        refused(() -> app.sessions.refresh("nonsense"));
        refused(() -> app.sessions.refresh(null));
        refused(() -> app.sessions.refresh("A".repeat(43)));
        SessionTokens login = app.sessions.start(ada.id());
        app.clock.advance(Duration.ofDays(31));
        refused(() -> app.sessions.refresh(login.refreshToken()));
    }

    @Test
    void housekeepingForgetsEndedSessionsOnceNoInstanceNeedsThem() {
        SessionTokens live = app.sessions.start(ada.id());
        SessionTokens out = app.sessions.start(ada.id());
        AccessTokenPort.Claims outClaims = app.authenticate.authenticateSession(out.access().token());
        app.sessions.logOut(outClaims);
        assertThat(app.sessions.forgetEnded()).as("too recent").isZero();

        app.clock.advance(app.tokens.lifetime().plusHours(2));
        SessionTokens renewed = app.sessions.refresh(live.refreshToken());
        assertThat(app.sessions.forgetEnded()).as("the logged-out session and its token").isEqualTo(2);
        assertThat(app.sessionStore.revokedAfter(java.time.Instant.EPOCH)).isEmpty();
        app.clock.advance(Duration.ofDays(2));
        assertThat(app.sessions.forgetEnded()).as("used tokens stay until their own expiry: a replay must still be recognised")
                .isZero();
        assertThat(app.sessions.refresh(renewed.refreshToken()).access().token()).isNotBlank();
    }

    @Test
    void thePollReadsOnlyRecentRevocationsHoweverLongNobodyLogsOut() {
        java.util.List<java.time.Instant> asked = new java.util.ArrayList<>();
        SessionStorePort recording = new SessionStorePort() {
            @Override
            public void start(SessionId session, com.chirpchat.domain.user.UserId user, RefreshToken first, java.time.Instant now) {
                app.sessionStore.start(session, user, first, now);
            }

            @Override
            public Exchange exchange(String presentedHash, RefreshToken replacement, java.time.Instant now) {
                return app.sessionStore.exchange(presentedHash, replacement, now);
            }

            @Override
            public boolean revoke(SessionId session, String reason, java.time.Instant now) {
                return app.sessionStore.revoke(session, reason, now);
            }

            @Override
            public java.util.List<SessionId> revokeAll(com.chirpchat.domain.user.UserId user, String reason, java.time.Instant now) {
                return app.sessionStore.revokeAll(user, reason, now);
            }

            @Override
            public java.util.List<Revocation> revokedAfter(java.time.Instant since) {
                asked.add(since);
                return app.sessionStore.revokedAfter(since);
            }

            @Override
            public int forget(java.time.Instant expiredBefore, java.time.Instant revokedBefore) {
                return app.sessionStore.forget(expiredBefore, revokedBefore);
            }
        };
        RevokedSessions polled = new RevokedSessions(recording, app.clock, app.tokens.lifetime());
        app.sessions.logOut(app.authenticate.authenticateSession(app.sessions.start(ada.id()).access().token()));
        polled.poll();
        assertThat(polled.size()).isEqualTo(1);
        for (int i = 0; i < 120; i++) { // two hours of polls without a logout
            app.clock.advance(Duration.ofMinutes(1));
            polled.poll();
        }
        Duration window = Duration.between(asked.getLast(), app.clock.instant());
        assertThat(window).isLessThanOrEqualTo(app.tokens.lifetime().plus(Duration.ofSeconds(30)).plus(RevokedSessions.OVERLAP));
        assertThat(polled.size()).as("forgotten once its tokens have expired, and not learnt again").isZero();
    }

    @Test
    void anAcceptedTokenStandsUntilItsExpiry() {
        SessionTokens login = app.sessions.start(ada.id());
        AccessTokenPort.Claims claims = app.authenticate.authenticateSession(login.access().token());
        assertThat(app.authenticate.standing(claims)).isEqualTo(AuthenticateUseCase.Standing.VALID);
        app.clock.advance(FakeAccessTokens.LIFETIME.minusSeconds(1));
        assertThat(app.authenticate.standing(claims)).isEqualTo(AuthenticateUseCase.Standing.VALID);
        app.clock.advance(Duration.ofSeconds(1));
        assertThat(app.authenticate.standing(claims)).isEqualTo(AuthenticateUseCase.Standing.EXPIRED);
    }

    @Test
    void anotherInstanceLearnsOfALogoutWithItsNextPollAndForgetsItOnceTheTokensExpired() {
        // a second instance: its own list over the same store
        RevokedSessions other = new RevokedSessions(app.sessionStore, app.clock, app.tokens.lifetime());
        AuthenticateService otherAuth = new AuthenticateService(app.tokens, app.store, other, app.clock);
        other.poll();
        SessionTokens login = app.sessions.start(ada.id());
        AccessTokenPort.Claims claims = otherAuth.authenticateSession(login.access().token());
        app.sessions.logOut(claims);
        assertThat(otherAuth.standing(claims)).as("not polled yet").isEqualTo(AuthenticateUseCase.Standing.VALID);

        app.clock.advance(Duration.ofSeconds(1));
        assertThat(other.poll()).isEqualTo(1);
        assertThat(otherAuth.standing(claims)).isEqualTo(AuthenticateUseCase.Standing.SESSION_ENDED);
        refused(() -> otherAuth.authenticate(login.access().token()));
        assertThat(other.poll()).as("learnt once").isZero();

        // an instance started later still knows of it
        RevokedSessions late = new RevokedSessions(app.sessionStore, app.clock, app.tokens.lifetime());
        late.poll();
        assertThat(late.isRevoked(claims.session())).isTrue();

        app.clock.advance(app.tokens.lifetime().plusMinutes(1));
        other.poll();
        assertThat(other.size()).as("forgotten once every token of the session has expired").isZero();
    }
}
