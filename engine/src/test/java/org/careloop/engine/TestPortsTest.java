package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestPortsTest {

    @Test
    void portsForLaterServersComeFromBelowTheEphemeralRangeAreBindableAndNeverRepeat() throws IOException {
        int ephemeralStart = TestPorts.ephemeralRangeStart();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ports.add(TestPorts.free());
        }

        assertThat(ports).hasSize(50);
        assertThat(java.util.Collections.min(ports)).isGreaterThanOrEqualTo(TestPorts.LOWEST);
        assertThat(java.util.Collections.max(ports)).isLessThan(ephemeralStart);
        int port = ports.iterator().next();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortTakenByAServerIsNotHandedOut() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), TestPorts.free()));
            for (int i = 0; i < 200; i++) {
                assertThat(TestPorts.free()).isNotEqualTo(taken.getLocalPort());
            }
        }
    }
}
