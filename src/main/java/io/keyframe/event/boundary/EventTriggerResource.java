package io.keyframe.event.boundary;

import io.keyframe.event.control.EventTrigger;
import io.keyframe.event.entity.EventRequest;
import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.platform.rest.Requests;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * The spec's event trigger: {@code POST /recording/event/{camera_id}[/{stream_id}]} with
 * {@code {"event_type": "motion", "source": "door-sensor-3", "duration_secs": 20}} → 201
 * {@code {"event_id": …}}; without {@code duration_secs} the event stays open until
 * {@code POST /recording/event/{event_id}/end} (so {@code end} cannot name a stream in this route).
 */
@Path("/recording/event")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
public class EventTriggerResource {

    @Inject
    EventTrigger events;

    @Inject
    Clock clock;

    @POST
    @Path("{camera_id}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response trigger(@PathParam("camera_id") String cameraId, String body) {
        return trigger(cameraId, null, body);
    }

    @POST
    @Path("{camera_id}/{stream_id}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response trigger(@PathParam("camera_id") String cameraId, @PathParam("stream_id") String streamId, String body) {
        if ("end".equals(streamId)) {
            // POST /recording/event/{event_id}/end: the two routes share a shape, so "end" is not a stream id here
            return end(cameraId);
        }
        EventRequest request = body == null || body.isBlank() ? new EventRequest("manual", null, null)
                : EventRequest.parse(Requests.jsonObject(body));
        RecordingEvent event = events.start(cameraId, streamId, request, "api");
        return Response.status(201).entity(EventJson.render(event, clock.instant())).build();
    }

    private Response end(String eventId) {
        return Response.ok(EventJson.render(events.end(id(eventId), "api"), clock.instant())).build();
    }

    static long id(String value) {
        return Requests.id("an event id", value);
    }

}
