package it.io.keyframe.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * PrimeFaces widgets driven the way a person does (open, wait for the animation, click), with
 * waits on what the page shows rather than on time.
 */
public final class PrimeFacesUi {

    /** jQuery animations and CSS transitions (PrimeFaces 15 opens overlays with the latter). */
    private static final String ANIMATING = "return (window.jQuery && jQuery(arguments[0]).is(':animated'))"
            + " || arguments[0].getAnimations({subtree: true}).length > 0";
    private static final String SELECTED = """
            const select = document.getElementById(arguments[0] + '_input');
            const panel = document.getElementById(arguments[0] + '_panel');
            const shown = panel && getComputedStyle(panel).display !== 'none'
                && getComputedStyle(panel).visibility !== 'hidden';
            return select && select.value === arguments[1] && !shown ? 'ok'
                : 'value ' + (select ? select.value : 'no select') + ', panel shown ' + shown;
            """;
    private static final String AJAX_IDLE = "return !window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty()";

    private PrimeFacesUi() {
    }

    /**
     * Picks the item labelled {@code label} in the select menu {@code menuId}: scrolls the menu to
     * mid-screen (clear of the sticky top bar), opens it, waits until its panel stopped moving,
     * clicks the item, and waits until the menu shows the label, its panel is gone and any ajax
     * request it fired has been answered.
     */
    public static void choose(Browser browser, String menuId, String label) {
        var driver = browser.driver();
        WebElement menu = driver.findElement(By.id(menuId));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", menu);
        menu.click();
        WebElement panel = driver.findElement(By.id(menuId + "_panel"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> panel.isDisplayed() && !(Boolean) browser.script(ANIMATING, panel));
        WebElement item = panel.findElement(By.cssSelector("li[data-label='" + label + "']"));
        String value = item.getAttribute("data-value");
        item.click();
        // looked up afresh each time: an ajax update may have replaced the menu
        Awaitility.await("menu " + menuId + " closed on " + label).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> String.valueOf(browser.script(SELECTED, menuId, value)), org.hamcrest.Matchers.equalTo("ok"));
        awaitAjax(browser);
    }

    /** Waits until PrimeFaces has no ajax request queued or running. */
    public static void awaitAjax(Browser browser) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> (Boolean) browser.script(AJAX_IDLE));
    }
}
