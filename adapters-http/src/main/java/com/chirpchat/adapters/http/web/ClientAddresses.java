package com.chirpchat.adapters.http.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.chirpchat.application.limits.ClientAddress;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who a request comes from, for per-address limits. The peer of the TCP connection, unless that peer is one of
 * the configured trusted proxies ({@code chirpchat.http.trusted-proxies}, CIDRs): then {@code X-Forwarded-For} is
 * read from the right, past every trusted hop, and the first address no trusted proxy vouches for is the client.
 * Without trusted proxies the header is ignored, since anyone can send it. Only IP literals are read (no DNS). An IPv6
 * client is its /64 (what one subscriber is usually given), an IPv4-mapped one its IPv4 address.
 */
public final class ClientAddresses {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    /** Hops read from {@code X-Forwarded-For}; a longer chain is somebody's invention. */
    private static final int MAX_HOPS = 20;

    private final List<Cidr> trusted;

    private ClientAddresses(List<Cidr> trusted) {
        this.trusted = trusted;
    }

    /** @throws IllegalStateException naming an entry that is not a CIDR or an IP address */
    public static ClientAddresses trusting(List<String> cidrs) {
        return new ClientAddresses(cidrs.stream().map(Cidr::parse).toList());
    }

    /**
     * The client address of {@code req}. Read only by the routes that limit per address (register, log in), so it is
     * worked out there, when asked, rather than by a filter for every request.
     */
    public ClientAddress of(ServerRequest req) {
        return resolve(req.remotePeer().address(), req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of));
    }

    ClientAddress resolve(SocketAddress peer, List<String> forwardedFor) {
        Optional<InetAddress> current = peer instanceof InetSocketAddress inet && inet.getAddress() != null
                ? Optional.of(inet.getAddress()) : Optional.empty();
        if (current.isEmpty()) {
            return ClientAddress.UNKNOWN;
        }
        List<String> hops = forwardedFor.stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip).filter(hop -> !hop.isEmpty()).toList();
        InetAddress client = current.get();
        for (int i = hops.size() - 1, read = 0; i >= 0 && read < MAX_HOPS && isTrusted(client); i--, read++) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break; // garbage in the chain: the last trusted proxy is the best we know
            }
            client = hop.get();
        }
        return new ClientAddress(canonical(client));
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private static String canonical(InetAddress address) {
        if (address instanceof java.net.Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
            }
            // one IPv6 subscriber usually holds a whole /64: counted per address, its 2^64 addresses would each get
            // a fresh allowance, so the limits count the /64
            return String.format("%x:%x:%x:%x::/64", ((b[0] & 0xff) << 8) | (b[1] & 0xff), ((b[2] & 0xff) << 8) | (b[3] & 0xff),
                                 ((b[4] & 0xff) << 8) | (b[5] & 0xff), ((b[6] & 0xff) << 8) | (b[7] & 0xff));
        }
        return address.getHostAddress().toLowerCase(Locale.ROOT);
    }

    /** An IP literal (IPv4 dotted quad, or IPv6, bracketed or not, without zone or port); never a DNS lookup. */
    static Optional<InetAddress> literal(String text) {
        String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(value).matches();
        if (!v4 && !(value.contains(":") && IPV6.matcher(value).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value)); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address block: {@code 10.0.0.0/8}, {@code fd00::/8}, or one address. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String value = text.strip();
            int slash = value.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? value : value.substring(0, slash));
            if (address.isEmpty()) {
                throw new IllegalStateException("chirpchat.http.trusted-proxies: not a CIDR: " + text);
            }
            byte[] bytes = address.get().getAddress();
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("chirpchat.http.trusted-proxies: not a CIDR: " + text);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalStateException("chirpchat.http.trusted-proxies: prefix out of range: " + text);
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
