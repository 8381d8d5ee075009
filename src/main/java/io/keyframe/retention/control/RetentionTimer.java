package io.keyframe.retention.control;

import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.recording.control.StartupRecovered;
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
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The retention schedule: a non-persistent EJB interval timer, started once start-up recovery is
 * done (so the first run comes right after start-up). It ticks every {@code check_interval_secs},
 * but at least every {@link #DISK_CHECK}: each tick measures the disk and runs retention when the
 * interval has passed or the disk is above its threshold. Ticks never overlap (bean-managed
 * concurrency plus the service's own lock: a tick during a run returns at once).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RetentionTimer {

    static final Duration DISK_CHECK = Duration.ofSeconds(30);
    private static final Duration FIRST_RUN = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    KeyframeSettings settings;

    @Inject
    RetentionService service;

    private Timer timer;

    public synchronized void onRecovered(@Observes StartupRecovered recovered) {
        KeyframeSettings.Cleanup cleanup = settings.cleanup();
        if (!cleanup.enabled()) {
            LOG.info("retention cleanup is disabled (storage.cleanup.enabled = false)");
            return;
        }
        if (timer != null) {
            return;
        }
        Duration period = cleanup.checkInterval().compareTo(DISK_CHECK) < 0 ? cleanup.checkInterval() : DISK_CHECK;
        timer = timers.createIntervalTimer(FIRST_RUN.toMillis(), period.toMillis(), new TimerConfig("retention", false));
        LOG.info("retention cleanup every " + cleanup.checkInterval().toSeconds() + " s (disk checked every "
                + period.toSeconds() + " s): max " + cleanup.maxRetentionDays() + " days, max "
                + cleanup.maxDiskUsagePercent() + " % disk");
    }

    @Timeout
    public void tick(Timer expired) {
        try {
            service.tick();
        } catch (RuntimeException e) {
            // a failed tick must not cancel the timer (an exception from @Timeout makes the container retry)
            LOG.log(Level.WARNING, "retention tick failed: " + e.getMessage(), e);
        }
    }
}
