package io.keyframe.ui;

import io.keyframe.platform.rest.ApiException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a control call for a page and turns its outcome into a message. The control layer reports
 * bad input with {@link ApiException} (the same text the REST API answers); anything else is a
 * fault, logged with its cause and shown without internals.
 */
public final class UiActions {

    private static final Logger LOG = Logger.getLogger(UiActions.class.getName());

    private UiActions() {
    }

    /** Runs {@code action}; on success shows {@code done} (if not null) and returns the result, else empty. */
    public static <T> java.util.Optional<T> run(String done, Supplier<T> action) {
        try {
            T result = action.get();
            if (done != null) {
                info(done);
            }
            return java.util.Optional.ofNullable(result);
        } catch (ApiException e) {
            error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "operator action failed: " + done, e);
            error("The server could not do this: " + e.getClass().getSimpleName() + ". See the server log.");
        }
        return java.util.Optional.empty();
    }

    public static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    public static void error(String message) {
        FacesContext.getCurrentInstance().validationFailed();
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    /** An error shown next to one field ({@code clientId} as rendered, e.g. {@code form:id}). */
    public static void fieldError(String clientId, String message) {
        FacesContext.getCurrentInstance().validationFailed();
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }
}
