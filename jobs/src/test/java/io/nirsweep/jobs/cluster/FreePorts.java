package io.nirsweep.jobs.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Free loopback ports for the tests' clusters. */
public final class FreePorts {
    /** The lowest port tried: above the well-known and most registered services' ports. */
    private static final int LOWEST = 20_000;
    private static final int TRIES = 1_000;

    private FreePorts() {}

    /**
     * Ports free on loopback now, below the kernel's ephemeral range: a port taken from that range (as a port-0
     * bind gives) may be handed out again to any socket bound to port 0 between our check and the cluster's bind —
     * a Flink BLOB server once took the REST port that way. All sockets are held open together so that the ports
     * differ.
     */
    public static int[] take(int n) throws IOException {
        int highest = ephemeralLow() - 1;
        Random random = new Random();
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int tries = 0; sockets.size() < n && tries < TRIES; tries++) {
                int port = highest > LOWEST ? LOWEST + random.nextInt(highest - LOWEST + 1) : 0;
                try {
                    sockets.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
                } catch (IOException taken) {
                    // in use: try another
                }
            }
            if (sockets.size() < n) {
                throw new IOException("no " + n + " free loopback ports below " + (highest + 1));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** The first port of Linux's ephemeral range, or 0 where it cannot be read (then port-0 binds are used). */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
