package org.cubekvm.itests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cubekvm.testsupport.Await;

/**
 * A real Mosquitto broker (Debian {@code mosquitto}) on a free 127.0.0.1 port with a generated
 * configuration (anonymous, no persistence: a restarted broker has no retained messages, so what
 * it holds after a restart was published again), and its command-line clients
 * ({@code mosquitto-clients}).
 */
final class Mosquitto implements AutoCloseable {
    private final Path dir;
    final int port;
    private Process process;

    Mosquitto(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1", "allow_anonymous true", "persistence false",
                "log_dest stdout", "log_type all", ""));
    }

    /** Starts the broker and waits (with a deadline) until it accepts connections. */
    Mosquitto start() throws Exception {
        process = new ProcessBuilder("/usr/sbin/mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile())).start();
        Await.until("mosquitto to listen on " + port + " or exit", Http.DEADLINE, () -> listening() || !process.isAlive());
        if (!listening()) {
            throw new IllegalStateException("mosquitto exited: " + log());
        }
        return this;
    }

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Kills the broker (SIGKILL: no clean goodbye to clients) and waits until it is gone. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** What the broker logged so far (subscriptions appear as they are made). */
    String log() throws IOException {
        return Files.readString(dir.resolve("mosquitto.out"));
    }

    /** A message as {@code mosquitto_sub -F '%r %t %p'} prints it. */
    record Message(boolean retained, String topic, String payload) {
    }

    /**
     * Subscribes to {@code filter} for at most {@code seconds} and returns what arrived (retained
     * messages arrive at once); stops after {@code count} messages.
     */
    List<Message> subscribe(String filter, int count, int seconds) throws IOException, InterruptedException {
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", filter,
                "-C", Integer.toString(count), "-W", Integer.toString(seconds), "-F", "%r %t %p")
                .redirectErrorStream(true).start();
        String out = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        sub.waitFor(seconds + 10L, TimeUnit.SECONDS);
        List<Message> messages = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3 && (parts[0].equals("0") || parts[0].equals("1"))) {
                messages.add(new Message(parts[0].equals("1"), parts[1], parts[2]));
            }
        }
        return messages;
    }

    /**
     * How long a one-message read waits: a retained message arrives at once, so this only bounds the
     * read of a topic that holds none yet (it then returns as soon as one is published).
     */
    private static final int READ_SECONDS = 10;

    /** The retained payload of {@code topic} in hex, or null when the broker holds none. */
    String retainedHex(String topic) throws IOException, InterruptedException {
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", topic,
                "-C", "1", "-W", Integer.toString(READ_SECONDS), "-F", "%r %x").redirectErrorStream(true).start();
        String out = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        sub.waitFor(20, TimeUnit.SECONDS);
        return out.startsWith("1 ") ? out.substring(2) : null;
    }

    /** The retained payload of {@code topic}, or null when the broker holds none. */
    String retained(String topic) throws IOException, InterruptedException {
        List<Message> messages = subscribe(topic, 1, READ_SECONDS);
        return messages.isEmpty() || !messages.get(0).retained() ? null : messages.get(0).payload();
    }

    void publish(String topic, String payload) throws IOException, InterruptedException {
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", topic,
                "-q", "1", "-m", payload).redirectErrorStream(true).start();
        String out = new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!pub.waitFor(20, TimeUnit.SECONDS) || pub.exitValue() != 0) {
            throw new IllegalStateException("mosquitto_pub " + topic + " failed: " + out);
        }
    }
}
