package com.zoomfactor.backend.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The hosts and networks a webhook may reach although they are not public ({@code ZF_WEBHOOK_ALLOWED_HOSTS}: host
 * names, IP addresses and CIDR blocks, comma-separated, e.g. {@code hooks.internal,10.1.0.0/16,::1}). Empty by
 * default: webhooks go to public addresses only.
 */
public final class HostAllowList {

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}\\.?)*");

    /** A network: the address's first {@code bits} bits. */
    private record Block(byte[] network, int bits) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((bytes[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Set<String> hosts;
    private final List<Block> blocks;
    private final String text;

    private HostAllowList(Set<String> hosts, List<Block> blocks, String text) {
        this.hosts = hosts;
        this.blocks = blocks;
        this.text = text;
    }

    public static HostAllowList none() {
        return new HostAllowList(Set.of(), List.of(), "");
    }

    /** Parses the comma-separated list; a malformed entry is a configuration error naming it. */
    public static HostAllowList parse(String value) {
        Set<String> hosts = new TreeSet<>();
        List<Block> blocks = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            if (slash >= 0 || looksLikeAddress(entry)) {
                blocks.add(block(entry, slash));
            } else if (HOST.matcher(entry).matches() && entry.length() <= 253) {
                hosts.add(entry.endsWith(".") ? entry.substring(0, entry.length() - 1) : entry);
            } else {
                throw new ConfigException("not a host name, address or CIDR block: '" + raw.trim() + "'");
            }
        }
        return new HostAllowList(Set.copyOf(hosts), List.copyOf(blocks), value.trim());
    }

    /** Whether a URL's host (as written, any case) or one address it resolves to is listed. */
    public boolean allowsHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return hosts.contains(h.endsWith(".") ? h.substring(0, h.length() - 1) : h);
    }

    public boolean allowsAddress(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    public boolean isEmpty() {
        return hosts.isEmpty() && blocks.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean looksLikeAddress(String entry) {
        return entry.contains(":") || entry.matches("[0-9.]+");
    }

    private static Block block(String entry, int slash) {
        String address = slash < 0 ? entry : entry.substring(0, slash);
        if (!looksLikeAddress(address)) {
            throw new ConfigException("not an IP address in the CIDR block '" + entry + "'");
        }
        byte[] bytes;
        try {
            // a literal address: InetAddress does not resolve it (no DNS lookup at configuration time)
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("not an IP address: '" + address + "'");
        }
        int max = bytes.length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException("not a prefix length in '" + entry + "'");
            }
            if (bits < 0 || bits > max) {
                throw new ConfigException("the prefix length of '" + entry + "' must be between 0 and " + max);
            }
        }
        return new Block(bytes, bits);
    }
}
