package com.chirpchat.bootstrap;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import com.chirpchat.bootstrap.support.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Helidon starts a server whose listener could not bind (port -1); ChirpChat refuses to and says why. */
class PortTakenIT {

    @Test
    void aTakenPortFailsTheStartWithAClearMessageAndLeavesNothingOpen() throws Exception {
        Path dataDir = TestServer.tempDir("chirp-port");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> settings = TestServer.defaults(dataDir);
            settings.put("server.port", String.valueOf(taken.getLocalPort()));

            assertThatThrownBy(() -> TestServer.start(settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on port " + taken.getLocalPort() + ": it is taken");
        }
        // what the failed start opened was closed: the same data dir (embedded database file) starts again at once
        Map<String, String> again = TestServer.defaults(dataDir);
        try (ChirpChatServer server = TestServer.start(again)) {
            assertThat(server.port()).isPositive();
        }
    }
}
