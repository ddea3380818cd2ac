package org.careloop.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts later (the stack, its mail server, an identity provider, a database). A port the
 * system hands out as free ({@code new ServerSocket(0)}) comes from its ephemeral range, the same range every outgoing
 * connection takes its local port from: between the test's asking and the server's binding, any connection of the
 * build may take it, and the server then fails to start ("Address already in use"; the simulated mail server once did,
 * failing every stack test with it). These ports come from below that range, which outgoing connections never use,
 * and none is handed out twice in one JVM.
 */
final class TestPorts {

    /** Above the ports browsers refuse to open (Chromium's list ends at 10080) and the usual services' ports. */
    static final int LOWEST = 20_000;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private TestPorts() {}

    /** A port free on the loopback address now, below the ephemeral range, not handed out before. */
    static int free() {
        int ephemeralStart = ephemeralRangeStart();
        if (ephemeralStart <= LOWEST + 1_000) {
            return anyFree(); // a system whose ephemeral range starts this low leaves nothing below it to choose from
        }
        for (int attempt = 0; attempt < 500; attempt++) {
            int candidate = LOWEST + ThreadLocalRandom.current().nextInt(ephemeralStart - LOWEST);
            if (bindable(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST + " and " + ephemeralStart);
    }

    /** The first port of the system's ephemeral range (Linux: {@code ip_local_port_range}; else IANA's 49152). */
    static int ephemeralRangeStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            // read by lines: a whole-file read of a /proc file may stop after its first byte
            return Files.isReadable(range)
                    ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0])
                    : 49_152;
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
