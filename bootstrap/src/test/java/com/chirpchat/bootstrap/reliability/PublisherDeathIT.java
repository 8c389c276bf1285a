package com.chirpchat.bootstrap.reliability;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.Cluster;
import com.chirpchat.bootstrap.support.Socket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12.1: an instance killed right after a commit, before it published the event. The event is in the log and
 * no fanout will ever carry it, and the chat then stays quiet — nothing later reveals a gap. Every member connected
 * to the surviving instances must still get it, within two seconds.
 */
class PublisherDeathIT {
    private static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    void aCommittedEventWhosePublisherDiedReachesEveryConnectedMemberWithinTheBound() throws Exception {
        try (Fleet fleet = Fleet.start(3, Map.of())) {
            Session ada = fleet.api(0).signUp("ada");
            Session bob = fleet.api(1).signUp("bob");
            Session cy = fleet.api(2).signUp("cy");
            String chat = fleet.api(1).post("/chats", bob.token(), Map.of("title", "last words",
                                                                         "memberIds", List.of(ada.id(), cy.id())))
                    .expect(201).json().get("id").asText();
            try (Socket adas = Socket.open(fleet.uri(0), ada.token());
                 Socket cys = Socket.open(fleet.uri(2), cy.token());
                 Socket bobs = Socket.open(fleet.uri(1), bob.token())) {
                long from = lastSeq(fleet.api(0), ada, chat);
                // the chat is live on every instance: a post from instance 1 reaches them all
                long live = post(fleet.api(1), bob, chat, "still here");
                for (Socket socket : List.of(adas, cys, bobs)) {
                    Cluster.awaitSeq(socket, chat, live, Duration.ofSeconds(10));
                }

                // instance 1 commits the next post and dies before publishing it
                long silent;
                try (Connection sql = fleet.sql()) {
                    silent = DeadInstance.post(sql, chat, bob.id(), "last words");
                }
                long committed = System.nanoTime();
                for (Socket survivor : List.of(adas, cys)) {
                    Cluster.awaitSeq(survivor, chat, silent, Duration.ofSeconds(30));
                    assertThat(Duration.ofNanos(System.nanoTime() - committed)).as("the event reached the member within the bound")
                            .isLessThanOrEqualTo(BOUND);
                }

                DeliveryCheck check = new DeliveryCheck().watch("ada@0", adas, chat, from).watch("cy@2", cys, chat, from)
                        .watch("bob@1", bobs, chat, from);
                assertThat(check.awaitAndCheck(c -> EventLog.read(fleet.api(0), ada.token(), c), Duration.ofSeconds(10)))
                        .isEmpty();
            }
        }
    }

    /**
     * The dying instance had just added a user who is connected to an instance that follows nothing of the chat:
     * they must hear of it within the bound too, and of what comes after.
     */
    @Test
    void aJoinWhosePublisherDiedReachesTheAddedUserWithinTheBound() throws Exception {
        try (Fleet fleet = Fleet.start(3, Map.of())) {
            Session ada = fleet.api(0).signUp("ada");
            Session xena = fleet.api(2).signUp("xena");
            String chat = fleet.api(0).post("/chats", ada.token(), Map.of("title", "joined", "memberIds", List.of()))
                    .expect(201).json().get("id").asText();
            try (Socket adas = Socket.open(fleet.uri(0), ada.token()); Socket xenas = Socket.open(fleet.uri(2), xena.token())) {
                long joined;
                try (Connection sql = fleet.sql()) {
                    joined = DeadInstance.addMember(sql, chat, xena.id()); // instance 1 adds xena and dies
                }
                long committed = System.nanoTime();
                Cluster.awaitSeq(xenas, chat, joined, Duration.ofSeconds(30));
                assertThat(Duration.ofNanos(System.nanoTime() - committed)).as("xena heard of it within the bound")
                        .isLessThanOrEqualTo(BOUND);
                long after = post(fleet.api(0), ada, chat, "welcome");

                DeliveryCheck check = new DeliveryCheck().watch("xena@2", xenas, chat, joined - 1).watch("ada@0", adas, chat, joined - 1);
                assertThat(check.awaitAndCheck(c -> EventLog.read(fleet.api(0), ada.token(), c), Duration.ofSeconds(10)))
                        .isEmpty();
                assertThat(xenas.seqs(chat)).endsWith(after);
            }
        }
    }

    static long post(Api api, Session who, String chat, String text) {
        return api.post("/chats/" + chat + "/messages", who.token(), Map.of("text", text)).expect(201).json().get("seq").asLong();
    }

    static long lastSeq(Api api, Session member, String chat) {
        return api.get("/chats/" + chat, member.token()).expect(200).json().get("lastSeq").asLong();
    }
}
