/* The cameras page: "test connection" shows that it is working until its answer replaces the line. */
window.Keyframe = window.Keyframe || {};
Keyframe.cameras = {
    probing: function (button) {
        var row = button.closest('.kf-url-row');
        var line = row ? row.querySelector('.kf-probe') : null;
        if (line) {
            line.innerHTML = '<span class="kf-probe-busy"><i class="pi pi-spin pi-spinner"></i> Testing the connection (up to 10 s)…</span>';
        }
        // messages of an earlier save would stand next to corrected fields: the next save shows them again
        var form = button.closest('form');
        if (form) {
            form.querySelectorAll('.ui-message-error').forEach(function (message) {
                message.innerHTML = '';
                message.className = '';
            });
        }
        return true;
    }
};
