package io.keyframe.mqtt.control;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import io.keyframe.mqtt.entity.MqttSettings;
import io.keyframe.mqtt.entity.OutboundMessage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The one MQTT connection (HiveMQ MQTT client, MQTT 3.1.1, clean session). It reconnects by itself
 * with exponential backoff (0.25 s doubling up to 5 s), subscribes to the trigger topics on every
 * connect, and keeps two bounded queues, each drained by its own managed thread: incoming triggers
 * (so a slow database never stalls the client's network thread) and outgoing status (so a slow or
 * absent broker never blocks recording). While disconnected, status messages are dropped and
 * counted; a full queue drops and counts too. Nothing grows without bound.
 */
@ApplicationScoped
public class MqttConnection {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class.getName());
    static final int QUEUE_CAPACITY = 1000;
    static final long MAX_BACKOFF_MS = 5000;
    private static final long PUBLISH_TIMEOUT_SECONDS = 5;

    /** A trigger as it arrived. */
    public record Inbound(String topic, byte[] payload, boolean retained) {
    }

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<Inbound> inbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final BlockingQueue<OutboundMessage> outbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong droppedInbound = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong droppedOutbound = new AtomicLong();
    private volatile MqttSettings settings;
    private volatile Mqtt3AsyncClient client;
    private volatile boolean running;
    private volatile boolean outageLogged;
    private volatile String lastError;
    private Thread receiver;
    private Thread publisher;

    /** Connects (in the background) and hands every trigger to {@code handler} on a managed thread; once. */
    public synchronized void start(MqttSettings settings, Consumer<Inbound> handler) {
        if (running) {
            return;
        }
        this.settings = settings;
        running = true;
        receiver = threads.newThread(() -> receive(handler));
        receiver.setName("keyframe-mqtt-in");
        receiver.start();
        publisher = threads.newThread(this::publish);
        publisher.setName("keyframe-mqtt-out");
        publisher.start();
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3()
                .identifier(settings.clientId())
                .serverHost(settings.broker().host())
                .serverPort(settings.broker().port())
                .addConnectedListener(context -> onConnected())
                .addDisconnectedListener(this::onDisconnected);
        if (settings.broker().tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        if (settings.username() != null) {
            var auth = builder.simpleAuth().username(settings.username());
            if (settings.password() != null) {
                auth = auth.password(settings.password().getBytes(StandardCharsets.UTF_8));
            }
            builder = auth.applySimpleAuth();
        }
        client = builder.buildAsync();
        LOG.info(() -> "MQTT connecting to " + settings.broker() + " as " + settings.clientId()
                + "; triggers on " + String.join(", ", settings.eventFilters())
                + ", status under " + settings.statusTopicPrefix() + "/");
        client.connectWith().cleanSession(true).keepAlive(30).send()
                .whenComplete((ack, failure) -> {
                    if (failure != null) {
                        LOG.fine(() -> "MQTT first connect failed: " + failure);
                    }
                });
    }

    /** Queues a status message; dropped (and counted) when not connected or the queue is full. */
    public void offer(OutboundMessage message) {
        if (!running || !connected() || !outbound.offer(message)) {
            droppedOutbound.incrementAndGet();
        }
    }

    private void onConnected() {
        outageLogged = false;
        lastError = null;
        LOG.info(() -> "MQTT connected to " + settings.broker());
        Mqtt3Subscribe subscribe = Mqtt3Subscribe.builder()
                .addSubscriptions(Arrays.stream(settings.eventFilters())
                        .map(filter -> Mqtt3Subscription.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build()))
                .build();
        // a callback per subscription: the client drops every flow (global ones too) when a session ends
        client.subscribe(subscribe, this::onPublish).whenComplete((ack, failure) -> {
            if (failure != null) {
                LOG.warning("MQTT could not subscribe to " + String.join(", ", settings.eventFilters()) + ": " + failure);
            } else {
                LOG.info(() -> "MQTT subscribed to " + String.join(", ", settings.eventFilters()) + ": " + ack.getReturnCodes());
            }
        });
    }

    private void onDisconnected(MqttClientDisconnectedContext context) {
        Throwable cause = context.getCause();
        lastError = cause == null ? "disconnected" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (context.getSource() == MqttDisconnectSource.USER || !running) {
            return;
        }
        int attempts = context.getReconnector().getAttempts();
        long delay = backoffMillis(attempts);
        if (!outageLogged) {
            outageLogged = true;
            LOG.warning("MQTT broker " + settings.broker() + " not connected (" + lastError + "); retrying every "
                    + delay + " ms up to " + MAX_BACKOFF_MS + " ms");
        } else {
            LOG.fine(() -> "MQTT reconnect attempt " + attempts + " in " + delay + " ms: " + lastError);
        }
        // our own subscribe in onConnected covers a new session; the client must not send it twice
        context.getReconnector().reconnect(true).resubscribeIfSessionExpired(false).resubscribeIfSessionPresent(false)
                .delay(delay, TimeUnit.MILLISECONDS);
    }

    /** 250 ms, doubling, capped at 5 s. */
    static long backoffMillis(int attempts) {
        return Math.min(MAX_BACKOFF_MS, 250L << Math.min(Math.max(attempts, 0), 5));
    }

    private void onPublish(Mqtt3Publish publish) {
        received.incrementAndGet();
        if (!inbound.offer(new Inbound(publish.getTopic().toString(), publish.getPayloadAsBytes(), publish.isRetain()))) {
            droppedInbound.incrementAndGet();
            LOG.warning("MQTT trigger queue full; dropped message on " + publish.getTopic());
        }
    }

    private void receive(Consumer<Inbound> handler) {
        while (running) {
            try {
                Inbound message = inbound.poll(500, TimeUnit.MILLISECONDS);
                if (message != null) {
                    handler.accept(message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warning("MQTT trigger handler failed: " + e);
            }
        }
    }

    private void publish() {
        while (running) {
            OutboundMessage message;
            try {
                message = outbound.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (message == null) {
                continue;
            }
            if (!connected()) {
                droppedOutbound.incrementAndGet();
                continue;
            }
            try {
                client.publishWith().topic(message.topic()).qos(MqttQos.AT_LEAST_ONCE).retain(message.retained())
                        .payload(message.payload()).send().get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                published.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                droppedOutbound.incrementAndGet();
                LOG.fine(() -> "MQTT publish to " + message.topic() + " failed: " + e);
            }
        }
    }

    public boolean enabled() {
        return running;
    }

    public boolean connected() {
        Mqtt3AsyncClient current = client;
        return current != null && current.getState().isConnected();
    }

    public MqttSettings settings() {
        return settings;
    }

    public String lastError() {
        return lastError;
    }

    public long received() {
        return received.get();
    }

    public long droppedInbound() {
        return droppedInbound.get();
    }

    public long published() {
        return published.get();
    }

    public long droppedOutbound() {
        return droppedOutbound.get();
    }

    @PreDestroy
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            if (connected()) {
                client.disconnect().get(2, TimeUnit.SECONDS);
            } else {
                client.disconnect(); // cancels a pending reconnect
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.fine(() -> "MQTT disconnect: " + e);
        }
        for (Thread thread : new Thread[] {receiver, publisher}) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("MQTT disconnected");
    }
}
