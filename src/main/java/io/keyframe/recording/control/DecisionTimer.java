package io.keyframe.recording.control;

import io.keyframe.platform.config.InvalidConfigurationException;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies the recording decision (mode, schedule, events, manual override) to every stream on a
 * non-persistent EJB timer, every {@code recording.decision_interval_secs} (default 60): that is
 * how schedules switch streams on and off. Schedule changes and events apply at once besides.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DecisionTimer {

    public static final String INTERVAL = "recording.decision_interval_secs";
    private static final Logger LOG = Logger.getLogger(DecisionTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    StreamManager manager;

    @Inject
    @ConfigProperty(name = INTERVAL, defaultValue = "60")
    int intervalSecs;

    private final AtomicBoolean running = new AtomicBoolean();
    private Timer timer;

    public synchronized void onRecovered(@Observes StartupRecovered recovered) {
        if (intervalSecs < 1 || intervalSecs > 3600) {
            throw new InvalidConfigurationException(INTERVAL, "must be a whole number from 1 to 3600, got " + intervalSecs);
        }
        if (timer == null) {
            long millis = intervalSecs * 1000L;
            // on the minute boundary (plus a second), so a schedule switching at 08:00 applies at 08:00:01
            long first = millis - System.currentTimeMillis() % millis + 1000;
            timer = timers.createIntervalTimer(first, millis, new TimerConfig("recording-decision", false));
        }
    }

    @Timeout
    public void tick(Timer expired) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            manager.evaluateAll("schedule");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording decision tick failed: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }
}
