package it.io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Schedules page in Chromium: ranges painted by dragging over the grid and typed for another
 * day, a holiday picked in the calendar, saved and read back through the REST API; a bad typed
 * range is refused next to its field and nothing is stored.
 */
@ExtendWith(SharedServer.class)
class SchedulesPageIT {

    private static final String ID = "uisched-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void dragTypeAndAHolidayAreSavedAndABadRangeIsRefusedInPlace(KeyframeServer server) {
        Api api = new Api(server);
        Api.Reply created = api.post("/cameras", Api.camera(ID, "rtsp://127.0.0.1:9/none", "scheduled", null));
        assertEquals(201, created.status(), created.body());
        try (Browser browser = Browser.signedIn(server)) {
            try {
                use(browser, server, api);
            } catch (RuntimeException | AssertionError e) {
                browser.screenshot("schedules-failed");
                throw e;
            }
            // every page this browser opened ran without a Content-Security-Policy violation
            browser.assertNoCspViolations();
        } finally {
            api.delete("/cameras/" + ID);
        }
    }

    private static void use(Browser browser, KeyframeServer server, Api api) {
        {
            var driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get(server.uri("/ui/schedules.xhtml?camera=" + ID).toString());
            assertEquals("Schedules · Keyframe", driver.getTitle(), driver.getPageSource());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kf-sched-strip[data-day='6'][data-ready]")));
            assertEquals("scheduled", driver.findElement(By.id("mode")).getText().toLowerCase());

            // Monday: drag from 08:00 to the quarter ending at 12:00
            new Actions(driver).clickAndHold(cell(browser, 0, 32)).moveToElement(cell(browser, 0, 40))
                    .moveToElement(cell(browser, 0, 47)).release().perform();
            assertEquals("08:00-12:00", ranges(browser, 0).getDomProperty("value"));
            assertTrue(on(browser, 0, 32) && on(browser, 0, 47) && !on(browser, 0, 48) && !on(browser, 0, 31));

            // Wednesday: typed, and the grid follows
            ranges(browser, 2).sendKeys("13:00-17:30");
            assertTrue(on(browser, 2, 52) && on(browser, 2, 69) && !on(browser, 2, 70));

            // the schedule's time zone, found through the menu's filter
            click(browser, By.id("schedule:zone"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("schedule:zone_filter"))).sendKeys("Berlin");
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("[id='schedule:zone_items'] li[data-label='Europe/Berlin']"))).click();

            // a holiday: the 20th to the 21st of next month, picked in the calendar, not recording
            LocalDate first = LocalDate.now().plusMonths(1).withDayOfMonth(20);
            pick(browser, wait, "schedule:excDates", 20);
            pick(browser, wait, "schedule:excUntil", 21);
            assertEquals(first.toString(), driver.findElement(By.id("schedule:excDates_input")).getDomProperty("value"));
            assertEquals(first.plusDays(1).toString(), driver.findElement(By.id("schedule:excUntil_input")).getDomProperty("value"));
            driver.findElement(By.id("schedule:excNote")).sendKeys("holiday");
            click(browser, By.id("schedule:addException"));
            wait.withMessage(() -> driver.findElement(By.id("schedule:exceptions")).getText())
                    .until(d -> d.findElements(By.cssSelector("[id='schedule:exceptionTable_data'] tr")).size() == 2
                    && d.findElement(By.id("schedule:exceptionTable_data")).getText().contains("holiday"));

            click(browser, By.id("schedule:save"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("schedule:formMessages"), "Schedule saved"));
            JsonObject saved = api.get("/cameras/" + ID + "/schedule").json();
            assertEquals("Europe/Berlin", saved.getString("time_zone"));
            JsonObject weekly = saved.getJsonObject("weekly");
            assertEquals(range("08:00", "12:00"), weekly.getJsonArray("monday").getJsonObject(0));
            assertEquals(1, weekly.getJsonArray("monday").size());
            assertEquals(range("13:00", "17:30"), weekly.getJsonArray("wednesday").getJsonObject(0));
            assertEquals(0, weekly.getJsonArray("tuesday").size());
            JsonArray exceptions = saved.getJsonArray("exceptions");
            assertEquals(2, exceptions.size(), exceptions.toString());
            for (int i = 0; i < 2; i++) {
                assertEquals(first.plusDays(i).toString(), exceptions.getJsonObject(i).getString("date"));
                assertFalse(exceptions.getJsonObject(i).getBoolean("recording"));
                assertEquals("holiday", exceptions.getJsonObject(i).getString("note"));
            }
            // the next on/off times of what was saved
            wait.until(d -> d.findElements(By.cssSelector("#nextChanges li")).size() == 4);
            assertTrue(driver.findElement(By.id("nextChanges")).getText().contains("in Europe/Berlin"),
                    "the schedule's own wall-clock time beside the server's");
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("schedules");
            browser.script("document.getElementById('schedule:exceptions').scrollIntoView({block: 'end'})");
            browser.screenshot("schedules-exceptions");

            // a bad typed range: refused next to Friday's field, nothing stored
            WebElement friday = ranges(browser, 4);
            friday.sendKeys("18:00-25:00");
            assertTrue(((String) browser.script("return document.querySelector(\".kf-sched-strip[data-day='4']\").className"))
                    .contains("kf-invalid"), "the grid marks the day it cannot read");
            click(browser, By.id("schedule:save"));
            WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[id='schedule:days:4:ranges'] + .ui-message-error, .kf-sched-text .ui-message-error")));
            assertEquals("25:00 is not a time from 00:00 to 24:00", error.getText());
            assertTrue(ranges(browser, 4).getAttribute("class").contains("ui-state-error"), "the field is marked");
            assertEquals(1, driver.findElements(By.cssSelector(".kf-sched-text .ui-message-error")).size());
            browser.screenshot("schedules-invalid");
            assertEquals(0, api.get("/cameras/" + ID + "/schedule").json().getJsonObject("weekly")
                    .getJsonArray("friday").size());
        }
    }

    private static JsonObject range(String start, String end) {
        return jakarta.json.Json.createObjectBuilder().add("start", start).add("end", end).build();
    }

    private static WebElement cell(Browser browser, int day, int slot) {
        return browser.driver().findElement(By.cssSelector(".kf-sched-strip[data-day='" + day + "'] .kf-cell[data-slot='" + slot + "']"));
    }

    private static boolean on(Browser browser, int day, int slot) {
        return cell(browser, day, slot).getAttribute("class").contains("kf-on");
    }

    private static WebElement ranges(Browser browser, int day) {
        return browser.driver().findElement(By.id("schedule:days:" + day + ":ranges"));
    }

    /** Clicks an element scrolled to the middle of the window (the sticky top bar covers the top). */
    private static void click(Browser browser, By by) {
        WebElement element = browser.driver().findElement(by);
        browser.script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Opens the date picker with its button, goes to next month and clicks a day of it. */
    private static void pick(Browser browser, WebDriverWait wait, String picker, int day) {
        browser.driver().findElement(By.cssSelector("[id='" + picker + "'] .ui-datepicker-trigger")).click();
        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(picker + "_panel")));
        panel.findElement(By.cssSelector(".ui-datepicker-next")).click();
        wait.until(d -> panel.findElement(By.cssSelector(".ui-datepicker-title")).getText()
                .contains(LocalDate.now().plusMonths(1).getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)));
        panel.findElement(By.xpath(".//td[not(contains(@class,'ui-datepicker-other-month'))]/a[normalize-space(text())='"
                + day + "']")).click();
        wait.until(ExpectedConditions.invisibilityOf(panel));
    }
}
