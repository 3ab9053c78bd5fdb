package io.atq.testfixtures;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on loopback to the Docker engine's unix socket, which a test can cut (every open connection is
 * closed, new ones are closed as soon as accepted: Docker "stops answering") and restore. The director under test
 * reaches Docker only through it ({@code atq.docker.host=tcp://127.0.0.1:<port>}).
 */
public final class DockerApiProxy implements AutoCloseable {
    private final ServerSocketChannel server;
    private final UnixDomainSocketAddress docker;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private DockerApiProxy(ServerSocketChannel server, UnixDomainSocketAddress docker) {
        this.server = server;
        this.docker = docker;
    }

    /** Listens on an ephemeral loopback port and forwards to {@code socket}. */
    public static DockerApiProxy start(Path socket) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            DockerApiProxy proxy = new DockerApiProxy(server, UnixDomainSocketAddress.of(socket));
            Thread.ofVirtual().name("docker-proxy-accept").start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Docker proxy", e);
        }
    }

    /** The value for {@code atq.docker.host}. */
    public String dockerHost() {
        try {
            return "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Docker stops answering: open connections drop, new ones are closed at once. */
    public void cut() {
        cut = true;
        open.forEach(DockerApiProxy::closeQuietly);
        open.clear();
    }

    /** Docker answers again. */
    public void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                SocketChannel engine = SocketChannel.open(docker);
                open.add(client);
                open.add(engine);
                Thread.ofVirtual().start(() -> pump(client, engine));
                Thread.ofVirtual().start(() -> pump(engine, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // cut, or one side closed: end both directions
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
