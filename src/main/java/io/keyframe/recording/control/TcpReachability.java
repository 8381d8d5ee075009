package io.keyframe.recording.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Probes a camera with a plain TCP connect to its RTSP port (554, or 322 for rtsps) within one second. */
@ApplicationScoped
public class TcpReachability implements Reachability {

    private static final int TIMEOUT_MILLIS = 1000;

    @Override
    public boolean reachable(URI url) {
        int port = url.getPort() > 0 ? url.getPort() : ("rtsps".equalsIgnoreCase(url.getScheme()) ? 322 : 554);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), TIMEOUT_MILLIS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
