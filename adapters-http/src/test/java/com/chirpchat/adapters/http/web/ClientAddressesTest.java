package com.chirpchat.adapters.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private final ClientAddresses proxies = ClientAddresses.trusting(List.of("10.0.0.0/8", "192.168.1.1", "fd00::/8"));

    private String resolve(String peer, String... forwardedFor) {
        return proxies.resolve(new InetSocketAddress(peer, 40000), List.of(forwardedFor)).value();
    }

    @Test
    void theHeaderCountsOnlyFromTrustedPeersAndIsReadFromTheRight() {
        assertThat(resolve("203.0.113.9", "1.2.3.4")).as("untrusted peer").isEqualTo("203.0.113.9");
        assertThat(resolve("10.1.1.1", "1.2.3.4")).isEqualTo("1.2.3.4");
        assertThat(resolve("10.1.1.1", "6.6.6.6, 1.2.3.4, 10.9.9.9")).isEqualTo("1.2.3.4");
        assertThat(resolve("10.1.1.1", "6.6.6.6", "1.2.3.4, 192.168.1.1")).as("several headers are one list").isEqualTo("1.2.3.4");
        assertThat(resolve("10.1.1.1", "10.2.2.2, 10.3.3.3")).as("all trusted: the leftmost").isEqualTo("10.2.2.2");
        assertThat(resolve("10.1.1.1")).as("no header: the proxy itself").isEqualTo("10.1.1.1");
        assertThat(resolve("10.1.1.1", "unknown, 1.2.3.4")).isEqualTo("1.2.3.4");
        assertThat(resolve("10.1.1.1", "1.2.3.4, example.com")).as("garbage: the last trusted hop").isEqualTo("10.1.1.1");
        assertThat(resolve("10.1.1.1", "1.2.3.4:5678")).as("no ports").isEqualTo("10.1.1.1");
        assertThat(resolve("10.1.1.1", "[2001:db8::1]")).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(resolve("fd00::5", "2001:DB8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(resolve("10.1.1.1", "::ffff:1.2.3.4")).as("IPv4-mapped is IPv4").isEqualTo("1.2.3.4");
        assertThat(resolve("10.1.1.1", "010.1.1.1")).as("no octal tricks").isEqualTo("10.1.1.1");
    }

    @Test
    void misconfiguredProxiesFailAtStart() {
        for (String bad : new String[] {"10.0.0.0/33", "proxy.internal", "10.0.0/8", "::/129", "10.0.0.0/x"}) {
            assertThatThrownBy(() -> ClientAddresses.trusting(List.of(bad))).as(bad).isInstanceOf(IllegalStateException.class);
        }
    }
}
