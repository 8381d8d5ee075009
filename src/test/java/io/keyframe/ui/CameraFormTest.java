package io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.camera.entity.CameraSpec;
import io.keyframe.camera.entity.RecordingMode;
import io.keyframe.camera.entity.StreamSpec;
import org.junit.jupiter.api.Test;

class CameraFormTest {

    @Test
    void everyIdAndUrlRefusalIsNamedByItsField() {
        CameraForm form = CameraForm.blank();
        form.setId("bad id!");
        form.getStreams().get(0).setUrl("http://cam/x");
        form.getStreams().add(StreamForm.blank("sub stream"));
        form.getStreams().get(1).setUrl("rtsp://cam/sub");
        CameraForm.FieldErrors e = assertThrows(CameraForm.FieldErrors.class, form::toSpec);
        assertEquals(3, e.errors.size(), e.errors.toString());
        assertTrue(e.errors.get("id").startsWith("camera_id must match"));
        assertTrue(e.errors.get("streams:0:url").contains("rtsp://"));
        assertTrue(e.errors.get("streams:1:streamId").startsWith("stream_id"));
    }

    @Test
    void cameraRulesComeFromTheSpec() {
        CameraForm form = valid();
        form.setPreRollSecs(301);
        assertEquals("pre_roll_secs must be a whole number from 0 to 300",
                assertThrows(CameraForm.FieldErrors.class, form::toSpec).errors.get("preRollSecs"));
        form = valid();
        form.getStreams().add(StreamForm.blank("main"));
        form.getStreams().get(1).setUrl("rtsp://cam/2");
        assertTrue(assertThrows(CameraForm.FieldErrors.class, form::toSpec).errors.containsKey("streams:1:streamId"));
    }

    @Test
    void accessGroupsAreCommaSeparatedAndCheckedByTheApiRule() throws Exception {
        CameraForm form = valid();
        form.setAccessGroups(" lobby-guards, operator ");
        assertEquals(java.util.List.of("lobby-guards", "operator"), form.toSpec().accessGroups().names());
        form.setAccessGroups("");
        assertFalse(form.toSpec().accessGroups().limited(), "empty: every viewer");
        form.setAccessGroups("lobby guards!, ok");
        String refused = assertThrows(CameraForm.FieldErrors.class, form::toSpec).errors.get("accessGroups");
        assertTrue(refused != null && refused.startsWith("access_groups: 'guards!' is not a group name"), refused);
    }

    @Test
    void theFirstStreamIsPrimaryAndUrlCredentialsMoveIntoTheFields() throws Exception {
        CameraForm form = valid();
        form.getStreams().get(0).setUrl("rtsp://admin:p%40ss@cam:554/main");
        form.getStreams().add(StreamForm.blank("sub"));
        form.getStreams().get(1).setUrl("rtsp://cam:554/sub");
        form.moveCredentialsOutOfUrls();
        assertEquals("rtsp://cam:554/main", form.getStreams().get(0).getUrl());
        assertEquals("admin", form.getStreams().get(0).getUsername());
        assertNull(form.getStreams().get(0).getPassword(), "the page never reads a password back");
        CameraSpec spec = form.toSpec();
        assertEquals(RecordingMode.CONTINUOUS, spec.recordingMode());
        StreamSpec main = spec.streams().get(0);
        assertTrue(main.primary());
        assertFalse(spec.streams().get(1).primary());
        assertEquals("p@ss", main.password());
        assertTrue(main.passwordGiven());
    }

    @Test
    void anEmptyPasswordSaysNothingAndRemovingSaysNull() throws Exception {
        CameraForm form = valid();
        assertFalse(form.toSpec().streams().get(0).passwordGiven(), "empty keeps a stored password");
        form.getStreams().get(0).setClearPassword(true);
        StreamSpec cleared = form.toSpec().streams().get(0);
        assertTrue(cleared.passwordGiven());
        assertNull(cleared.password());
    }

    @Test
    void messagesForPeople() {
        assertEquals("Must be 1 to 64 letters, digits, - or _ (no spaces)",
                UiText.fieldMessage("camera_id must match [A-Za-z0-9_-]{1,64}"));
        assertEquals("Must start with rtsp:// or rtsps://", UiText.fieldMessage("url must start with rtsp:// or rtsps://"));
        assertEquals("Camera lobby already exists", UiText.fieldMessage("camera lobby already exists"));
    }

    private static CameraForm valid() {
        CameraForm form = CameraForm.blank();
        form.setId("lobby");
        form.getStreams().get(0).setUrl("rtsp://cam:554/main");
        return form;
    }
}
