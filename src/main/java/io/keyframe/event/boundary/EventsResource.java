package io.keyframe.event.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.event.control.EventStore;
import io.keyframe.event.entity.EventRequest;
import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.Requests;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /events?camera_id&from&to&event_type&limit&cursor}: events overlapping the range,
 * newest first, each with links to its segments and to an export of its window;
 * {@code GET /events/{id}}.
 */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class EventsResource {

    @Inject
    EventStore store;

    @Inject
    Clock clock;

    @GET
    public JsonObject list(@QueryParam("camera_id") String cameraId, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("event_type") String eventType,
                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Instant now = clock.instant();
        String camera = cameraId == null || cameraId.isBlank() ? null : CameraId.of(cameraId).value();
        Instant until = Requests.instant("to", to, now.plus(Duration.ofDays(1)));
        Instant since = Requests.instant("from", from, until.minus(Duration.ofDays(7)));
        if (!since.isBefore(until)) {
            throw ApiException.badRequest("from must be before to");
        }
        if (eventType != null && !eventType.isBlank() && !EventRequest.EVENT_TYPE.matcher(eventType).matches()) {
            throw ApiException.badRequest("event_type must be a short lower-case word such as motion");
        }
        int pageSize = Requests.wholeNumber("limit", limit, 100, 1, 1000);
        Long after = cursor == null || cursor.isBlank() ? null : EventTriggerResource.id(cursor);
        List<RecordingEvent> page = store.list(new EventStore.Query(camera, since, until,
                eventType == null || eventType.isBlank() ? null : eventType, after, pageSize + 1));
        JsonArrayBuilder events = Json.createArrayBuilder();
        page.stream().limit(pageSize).forEach(e -> events.add(EventJson.render(e, now)));
        JsonObjectBuilder json = Json.createObjectBuilder().add("events", events);
        if (page.size() > pageSize) {
            json.add("next", Long.toString(page.get(pageSize - 1).id()));
        } else {
            json.addNull("next");
        }
        return json.build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        long eventId = EventTriggerResource.id(id);
        return EventJson.render(store.find(eventId).orElseThrow(() -> ApiException.notFound("no event " + eventId)),
                clock.instant());
    }
}
