package io.smsbridge.e2e;

import io.smsbridge.boot.Application;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bridge whose port is taken refuses to start instead of running without HTTP. */
class PortInUseTest {

    @Test
    void aTakenPortStopsStartUpWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Main main = Application.create(Map.of(
                    "camel.server.host", "127.0.0.1",
                    "camel.server.port", String.valueOf(port),
                    "camel.management.port", String.valueOf(port),
                    "db.url", "jdbc:h2:mem:port-in-use;DB_CLOSE_DELAY=-1",
                    "directory.file", "config/directory.yaml"));
            try {
                assertThatThrownBy(main::start).hasStackTraceContaining("port " + port + " on 127.0.0.1 is in use");
            } finally {
                main.stop();
            }
        }
    }
}
